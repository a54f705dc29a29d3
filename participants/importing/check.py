"""Step 2, check: every row against the file and the facility's records, and what would happen."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from django.utils import timezone
from django.utils.translation import gettext as _

from participants import vocabularies
from participants.importing.columns import CODED_COLUMNS
from participants.importing.columns import DATE_FORMATS
from participants.importing.columns import DAY_FIRST
from participants.importing.columns import EDUCATION
from participants.importing.columns import LABEL_OF
from participants.importing.columns import MAX_LENGTHS
from participants.importing.columns import REGISTERS
from participants.importing.columns import RELIGIONS
from participants.importing.columns import SEXES
from participants.importing.read import Table
from participants.importing.read import header_key
from participants.importing.read import present
from participants.models import Participant
from participants.models import RegisterFormat
from participants.models import registration_number_error
from participants.rules import RECORD_FACTS
from participants.rules import date_errors
from participants.rules import nik_error
from participants.rules import normalise_nik
from rutan.models import Facility


@dataclass
class RowResult:
    line: int
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    action: str = ""  # "create", "update", "unchanged"
    changes: list[str] = field(default_factory=list)
    existing: Participant | None = None

    @property
    def registration_number(self) -> str:
        return self.values.get("registration_number", "")

    @property
    def name(self) -> str:
        return self.values.get("name", "")


@dataclass
class Preview:
    rows: list[RowResult]
    ignored_columns: list[str]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if not row.errors and row.action == action)

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def summary(self) -> dict[str, int]:
        return {
            "total": len(self.rows),
            "create": self.count("create"),
            "update": self.count("update"),
            "unchanged": self.count("unchanged"),
            "errors": len(self.error_rows),
        }


# --- checking rows --------------------------------------------------------------------


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    # PostgreSQL refuses NUL in text; a spreadsheet cell may still carry one.
    return " ".join(str(cell).replace("\x00", "").split())


def _date(cell, label: str, errors: list[str]) -> dt.date | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    if match := DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass  # reported below, with the other formats tried
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(
        _("%(column)s: “%(value)s” bukan tanggal (gunakan HH-BB-TTTT).")
        % {"column": label, "value": text[:30]}
    )
    return None


def _choice(cell, mapping: dict, label: str, errors: list[str], allowed: str) -> str:
    text = _text(cell)
    if not text:
        return ""
    value = mapping.get(header_key(text))
    if value is None:
        errors.append(
            _("%(column)s: “%(value)s” tidak dikenal (pilihan: %(allowed)s).")
            % {"column": label, "value": text[:30], "allowed": allowed}
        )
        return ""
    return value


def _coded(cell, field: str, label: str, errors: list[str]) -> str:
    """A recap code from a code or an Indonesian label, any case; an error when unknown."""
    text = _text(cell)
    if not text:
        return ""
    code = vocabularies.lookup(field, text)
    if code is None:
        errors.append(
            _("%(column)s: “%(value)s” tidak dikenal (kode: %(allowed)s, atau namanya).")
            % {"column": label, "value": text[:30], "allowed": vocabularies.allowed_values(field)}
        )
        return ""
    return code


Cell = Callable[[str], object]


def _clean_row(
    line: int,
    cells: list,
    columns: dict[str, int],
    today: dt.date,
    formats: dict[str, RegisterFormat],
) -> RowResult:
    def cell(key):
        position = columns.get(key)
        return cells[position] if position is not None and position < len(cells) else None

    result = RowResult(line=line)
    _read_identity(cell, result.values, result.errors, formats)
    _read_dates(cell, result.values, result.errors)
    _read_background(cell, result.values, result.errors)
    result.errors.extend(_date_rule_errors(result.values, today))
    return result


def _read_identity(cell: Cell, values: dict, errors: list, formats) -> None:
    """Registration number, name, register, sex and NIK of one row."""
    values["registration_number"] = _text(cell("no_registrasi"))
    values["name"] = _text(cell("nama"))
    for key, label in (
        ("registration_number", LABEL_OF["no_registrasi"]),
        ("name", LABEL_OF["nama"]),
    ):
        if not values[key]:
            errors.append(_("%(column)s wajib diisi.") % {"column": label})
    register = _text(cell("jenis_register"))
    values["register_type"] = REGISTERS.get(re.sub(r"[\s.]", "", register).upper(), "")
    if not register:
        errors.append(_("Jenis register wajib diisi."))
    elif not values["register_type"]:
        errors.append(
            _("Jenis register “%(value)s” tidak dikenal (mis. A.II, B.I, B.IIa).")
            % {"value": register[:20]}
        )
    elif values["registration_number"] and (
        error := registration_number_error(
            values["register_type"], values["registration_number"], formats
        )
    ):
        errors.append(error)
    sex = _text(cell("jenis_kelamin"))
    values["sex"] = SEXES.get(header_key(sex), "")
    if not values["sex"]:
        errors.append(
            _("Jenis kelamin wajib diisi dengan L atau P.")
            if not sex
            else _("Jenis kelamin “%(value)s” tidak dikenal (L atau P).") % {"value": sex[:20]}
        )
    values["nik"] = normalise_nik(_text(cell("nik")))
    if error := nik_error(values["nik"]):
        errors.append(error)


def _read_dates(cell: Cell, values: dict, errors: list) -> None:
    values["birth_place"] = _text(cell("tempat_lahir"))
    values["birth_date"] = _date(cell("tanggal_lahir"), LABEL_OF["tanggal_lahir"], errors)
    values["admission_date"] = _date(cell("tanggal_masuk"), LABEL_OF["tanggal_masuk"], errors)
    if values["admission_date"] is None and not present(cell("tanggal_masuk")):
        errors.append(_("Tanggal masuk wajib diisi."))
    values["expected_release_date"] = _date(
        cell("perkiraan_bebas"), LABEL_OF["perkiraan_bebas"], errors
    )


def _read_background(cell: Cell, values: dict, errors: list) -> None:
    """Religion, education, case, block, the coded drug-use fields, and text lengths."""
    values["religion"] = _choice(
        cell("agama"),
        RELIGIONS,
        LABEL_OF["agama"],
        errors,
        "Islam, Kristen, Katolik, Hindu, Buddha, Konghucu",
    )
    values["education"] = _choice(
        cell("pendidikan"),
        EDUCATION,
        LABEL_OF["pendidikan"],
        errors,
        "SD, SMP, SMA, Diploma, S1, S2",
    )
    values["case_article"] = _text(cell("pasal"))
    values["cell_block"] = _text(cell("blok"))
    for key, name in CODED_COLUMNS.items():
        values[name] = _coded(cell(key), name, LABEL_OF[key], errors)
    values["use_duration_months"] = None
    if duration := _text(cell("lama_pakai")):
        values["use_duration_months"], problem = vocabularies.parse_duration(duration)
        if problem:
            errors.append(
                _("%(column)s: “%(value)s”: %(problem)s.")
                % {"column": LABEL_OF["lama_pakai"], "value": duration[:30], "problem": problem}
            )
    for name, limit in MAX_LENGTHS.items():
        if len(values[name]) > limit:
            errors.append(
                _("%(field)s terlalu panjang (paling banyak %(n)s karakter).")
                % {"field": Participant._meta.get_field(name).verbose_name.capitalize(), "n": limit}
            )


def _date_rule_errors(values: dict, today: dt.date) -> list[str]:
    """The participant record's date rules (participants.rules), as messages of this row."""
    return [
        str(message)
        for message in date_errors(
            birth_date=values["birth_date"],
            admission_date=values["admission_date"],
            expected_release_date=values["expected_release_date"],
            today=today,
        ).values()
    ]


UPDATABLE = [
    "name",
    *RECORD_FACTS,
    "use_duration_months",
    "use_route",
    "diagnosis",
    "treatment_history",
]


def check_rows(table: Table, facility: Facility) -> Preview:
    """Validate every row, against the file itself and the facility's records."""
    today = timezone.localdate()
    formats = RegisterFormat.objects.as_map()
    rows = [_clean_row(line, cells, table.columns, today, formats) for line, cells in table.rows]
    numbers = {row.registration_number for row in rows if row.registration_number}
    existing = {
        p.registration_number: p
        for p in Participant.objects.filter(facility=facility, registration_number__in=numbers)
    }
    niks = {row.values["nik"] for row in rows if row.values.get("nik")}
    nik_owner = dict(
        Participant.objects.filter(facility=facility, nik__in=niks).values_list(
            "nik", "registration_number"
        )
    )
    _mark_twins(rows, nik_owner)
    for row in rows:
        if row.errors:
            continue
        current = existing.get(row.registration_number)
        if current is None:
            row.action = "create"
        else:
            _compare(row, current, today)
    return Preview(rows=rows, ignored_columns=table.ignored)


def _mark_twins(rows: list[RowResult], nik_owner: dict[str, str]) -> None:
    """A registration number or NIK twice in the file, or a NIK held by another number."""
    seen_numbers: dict[str, int] = {}
    seen_niks: dict[str, int] = {}
    for row in rows:
        number, nik = row.registration_number, row.values.get("nik")
        if number:
            if number in seen_numbers:
                row.errors.append(
                    _("Nomor registrasi %(number)s sudah ada di baris %(line)s berkas ini.")
                    % {"number": number, "line": seen_numbers[number]}
                )
            seen_numbers.setdefault(number, row.line)
        if not nik:
            continue
        if nik in seen_niks:
            row.errors.append(
                _("NIK yang sama sudah ada di baris %(line)s berkas ini.")
                % {"line": seen_niks[nik]}
            )
        seen_niks.setdefault(nik, row.line)
        owner = nik_owner.get(nik)
        if owner and owner != number:
            row.errors.append(
                _(
                    "NIK ini sudah terdaftar atas nomor registrasi %(number)s. Bila nomornya "
                    "berubah, catat perubahan register di halaman warga binaan itu dulu."
                )
                % {"number": owner}
            )


def _compare(row: RowResult, current: Participant, today: dt.date) -> None:
    """What a clean row would change in the record it updates (and whether the result holds)."""
    row.existing = current
    for name in UPDATABLE:
        new = row.values.get(name)
        # An empty cell never erases what the register already holds.
        if new not in ("", None) and new != getattr(current, name):
            row.changes.append(name)
    if row.values["register_type"] != current.register_type:
        row.changes.append("register_type")
    merged = {n: getattr(current, n) for n in UPDATABLE}
    merged.update({n: row.values[n] for n in row.changes if n != "register_type"})
    row.errors.extend(_date_rule_errors(merged, today))
    row.action = "update" if row.changes else "unchanged"
