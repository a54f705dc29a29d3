"""Court days from an SDP export: one row per hearing (registration number, date, court, agenda).

Read within the hard limits of rutan.spreadsheets, checked row by row (errors in Indonesian,
per line), previewed, then saved all at once or not at all. A hearing already recorded for
that person and day is left as it is. Participants are matched by registration number among
those the user may see; a number found in two facilities (an admin's view) is an error.
"""

import csv
import datetime as dt
import re
import zipfile
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participants.models import CourtHearing
from participants.models import Participant
from rutan import dates
from rutan import spreadsheets

MAX_ROWS = 2_000
LIMITS = spreadsheets.ReadLimits(max_bytes=1024 * 1024, max_rows=MAX_ROWS + 20, max_cells=40_000)
EXTENSIONS = (".csv", ".xlsx")
COURT_LENGTH = CourtHearing._meta.get_field("court").max_length
AGENDA_LENGTH = CourtHearing._meta.get_field("agenda").max_length

# Header names SDP and hand-made sheets use, after lower-casing and dropping punctuation.
HEADERS = {
    "registration_number": {"no registrasi", "nomor registrasi", "no reg", "no registrasi wbp"},
    "hearing_date": {"tanggal sidang", "tgl sidang", "tanggal", "jadwal sidang"},
    "court": {"pengadilan", "pengadilan instansi", "instansi", "tempat sidang"},
    "agenda": {"agenda", "agenda sidang", "acara sidang"},
}
REQUIRED = ("registration_number", "hearing_date", "court")
DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


class HearingFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Indonesian."""


@dataclass
class HearingRow:
    line: int
    registration_number: str
    hearing_date: dt.date | None = None
    court: str = ""
    agenda: str = ""
    participant_id: int | None = None
    participant_name: str = ""
    known: bool = False  # already recorded for that person and day: left as it is
    errors: list[str] = field(default_factory=list)


def _key(cell) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(cell or "").lower()).strip()


def _text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell if cell is not None else "").replace("\x00", "").split())


def read_upload(upload) -> list[list]:
    """The rows of an uploaded .csv or .xlsx, within the limits, or HearingFileError."""
    name = (upload.name or "").lower()
    if not name.endswith(EXTENSIONS):
        raise HearingFileError(_("Jenis berkas tidak didukung. Unggah berkas .csv atau .xlsx."))
    try:
        if name.endswith(".xlsx"):
            if not zipfile.is_zipfile(upload):
                raise HearingFileError(_("Berkas ini bukan Excel .xlsx yang valid."))
            upload.seek(0)
            return spreadsheets.read_xlsx(upload, LIMITS)
        data = spreadsheets.read_csv_text(upload, LIMITS).decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(data[:4096], delimiters=",;\t") if data.strip() else csv.excel
        return spreadsheets.read_csv_rows(data, dialect, LIMITS)
    except spreadsheets.SpreadsheetLimitError as error:
        raise HearingFileError(str(error))
    except UnicodeDecodeError:
        raise HearingFileError(_("Pengodean berkas bukan UTF-8. Simpan ulang sebagai CSV UTF-8."))
    except HearingFileError:
        raise
    except Exception:  # csv.Error, or openpyxl's many kinds on a damaged workbook
        raise HearingFileError(_("Berkas tidak dapat dibaca; mungkin rusak."))


def _header(raw: list[list]) -> tuple[int, dict[str, int]]:
    """The first of the first ten rows naming the required columns (SDP puts titles above)."""
    for index, row in enumerate(raw[:10]):
        positions = {}
        for position, cell in enumerate(row):
            for column, names in HEADERS.items():
                if _key(cell) in names and column not in positions:
                    positions[column] = position
        if all(column in positions for column in REQUIRED):
            return index, positions
    raise HearingFileError(
        _(
            "Baris judul kolom tidak ditemukan. Kolom wajib: No. Registrasi, Tanggal Sidang, Pengadilan."
        )
    )


def _date(cell, errors: list[str]) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        day = cell.date()
    elif isinstance(cell, dt.date):
        day = cell
    elif match := DAY_FIRST.fullmatch(_text(cell)):
        try:
            day = dt.date(*(int(part) for part in reversed(match.groups())))
        except ValueError:
            day = None
    else:
        day = dates.query_day(_text(cell))  # 2026-01-15
    if day is None:
        errors.append(
            _("Tanggal sidang “%(value)s” tidak dikenali (gunakan HH-BB-TTTT).")
            % {"value": _text(cell)[:30] or _("kosong")}
        )
        return None
    if message := dates.date_error(dates.validate_record_date, day):
        errors.append(message)
        return None
    return day


def _row(line: int, cells: list, positions: dict[str, int]) -> HearingRow:
    def cell(column):
        position = positions.get(column)
        return cells[position] if position is not None and position < len(cells) else None

    row = HearingRow(line, _text(cell("registration_number")))
    row.hearing_date = _date(cell("hearing_date"), row.errors)
    row.court, row.agenda = _text(cell("court")), _text(cell("agenda"))
    if not row.registration_number:
        row.errors.append(_("Nomor registrasi kosong."))
    if not row.court:
        row.errors.append(_("Pengadilan kosong."))
    for value, limit, label in (
        (row.court, COURT_LENGTH, _("Pengadilan")),
        (row.agenda, AGENDA_LENGTH, _("Agenda")),
    ):
        if len(value) > limit:
            row.errors.append(
                _("%(column)s terlalu panjang (paling banyak %(max)s karakter).")
                % {"column": label, "max": limit}
            )
    return row


def check_rows(raw: list[list], participants) -> list[HearingRow]:
    """Every data row of the sheet, matched to `participants` (the user's scope), with errors."""
    index, positions = _header(raw)
    lines = spreadsheets.rows_below(raw, index, _text)
    if not lines:
        raise HearingFileError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    if len(lines) > MAX_ROWS:
        raise HearingFileError(_("Terlalu banyak baris (lebih dari %(max)s).") % {"max": MAX_ROWS})
    rows = [_row(line, cells, positions) for line, cells in lines]
    _match(rows, participants)
    return rows


def _match(rows: list[HearingRow], participants) -> None:
    numbers = {row.registration_number for row in rows}
    found: dict[str, list[Participant]] = {}
    for person in participants.filter(registration_number__in=numbers).only(
        "pk", "name", "registration_number"
    ):
        found.setdefault(person.registration_number, []).append(person)
    known = set(
        CourtHearing.objects.filter(
            participant__in=[p for ps in found.values() for p in ps]
        ).values_list("participant_id", "hearing_date")
    )
    seen: dict[tuple, int] = {}
    for row in rows:
        people = found.get(row.registration_number, [])
        if row.registration_number and not people:
            row.errors.append(
                _("Nomor registrasi %(number)s tidak ada di UPT Anda.")
                % {"number": row.registration_number}
            )
        elif len(people) > 1:
            row.errors.append(_("Nomor registrasi ini ada di lebih dari satu UPT."))
        elif people:
            row.participant_id, row.participant_name = people[0].pk, people[0].name
            row.known = (row.participant_id, row.hearing_date) in known
        if row.errors or row.hearing_date is None:
            continue
        first = seen.setdefault((row.participant_id, row.hearing_date), row.line)
        if first != row.line:
            row.errors.append(_("Sidang yang sama sudah ada di baris %(line)s.") % {"line": first})


def to_session(rows: list[HearingRow]) -> list[dict]:
    """The rows to save, as the session keeps them between preview and commit."""
    return [
        {**asdict(row), "hearing_date": row.hearing_date.isoformat()}
        for row in rows
        if not row.errors and not row.known
    ]


@transaction.atomic
def commit(saved: list[dict], participants, by) -> int:
    """Save every previewed hearing, or none: a row no longer valid stops the whole import."""
    people = participants.in_bulk([row["participant_id"] for row in saved])
    created = 0
    for row in saved:
        participant = people.get(row["participant_id"])
        day = dt.date.fromisoformat(row["hearing_date"])
        if participant is None:
            raise ValidationError(_("Baris %(line)s: warga binaan tidak lagi dapat diakses.") % row)
        _hearing, made = CourtHearing.objects.get_or_create(
            participant=participant,
            hearing_date=day,
            defaults={"court": row["court"], "agenda": row["agenda"], "recorded_by": by},
        )
        created += made
    return created
