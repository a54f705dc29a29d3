"""Import of participants from a CSV or .xlsx file as exported from SDP.

Three steps, none of which trusts the previous one: `read_table` turns the file into rows
(or refuses it with a clear message), `check_rows` validates every row against the file
and the database and says what would happen, and `import_commit` writes all rows in one
transaction — or nothing. The key is (facility, registration number): importing the same
file again updates the records instead of creating twins.
"""

import csv
import datetime as dt
import io
import re
import secrets
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from participants import vocabularies
from participants.forms import date_errors, nik_error, normalise_nik
from participants.models import (
    Participant,
    RegisterChange,
    RegisterFormat,
    RegisterType,
    registration_number_error,
)
from rutan import spreadsheets
from rutan.models import Facility

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# Hard limits while reading (rows include a title block above the header).
LIMITS = spreadsheets.ReadLimits(max_bytes=MAX_BYTES, max_rows=MAX_ROWS + 50)
EXTENSIONS = (".csv", ".xlsx")
# Uploads wait here between preview and commit, then are deleted.
IMPORT_DIR = "imports"
STALE_AFTER = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: str = ""
    help: str = ""


COLUMNS = [
    Column(
        "no_registrasi",
        gettext_lazy("Nomor registrasi"),
        True,
        ("nomor registrasi", "no registrasi", "no reg", "noreg", "nomor register"),
        "AIII.0123/2025",
        gettext_lazy("Nomor registrasi SDP; kunci impor (sama = diperbarui)."),
    ),
    Column(
        "jenis_register",
        gettext_lazy("Jenis register"),
        True,
        ("register", "golongan", "gol register", "jenis registrasi"),
        "A.III",
        gettext_lazy("A.I–A.V (tahanan) atau B.I, B.IIa, B.IIb, B.III (narapidana)."),
    ),
    Column(
        "nama",
        gettext_lazy("Nama"),
        True,
        ("nama lengkap", "nama warga binaan", "nama wbp"),
        "Contoh Nama Fiktif",
    ),
    Column(
        "nik",
        gettext_lazy("NIK"),
        False,
        ("no ktp", "nomor induk kependudukan", "no nik"),
        "6471990101900001",
        gettext_lazy("16 angka; format kolom sebagai Teks di Excel agar angka tidak terpotong."),
    ),
    Column("tempat_lahir", gettext_lazy("Tempat lahir"), False, ("tmp lahir",), "Balikpapan"),
    Column(
        "tanggal_lahir",
        gettext_lazy("Tanggal lahir"),
        False,
        ("tgl lahir",),
        "15-08-1993",
        gettext_lazy("HH-BB-TTTT, HH/BB/TTTT atau TTTT-BB-HH."),
    ),
    Column(
        "jenis_kelamin",
        gettext_lazy("Jenis kelamin"),
        True,
        ("jk", "l p", "kelamin"),
        "L",
        gettext_lazy("L atau P."),
    ),
    Column("agama", gettext_lazy("Agama"), False, (), "Islam"),
    Column(
        "pendidikan",
        gettext_lazy("Pendidikan terakhir"),
        False,
        ("pendidikan terakhir",),
        "SMA",
        gettext_lazy("Tidak sekolah, SD, SMP, SMA/SMK, Diploma, S1, S2."),
    ),
    Column("pasal", gettext_lazy("Pasal perkara"), False, ("pasal perkara", "perkara"), ""),
    Column(
        "tanggal_masuk",
        gettext_lazy("Tanggal masuk"),
        True,
        ("tgl masuk", "tanggal penahanan", "tgl penahanan"),
        "02-06-2025",
    ),
    Column(
        "perkiraan_bebas",
        gettext_lazy("Perkiraan tanggal bebas"),
        False,
        ("tanggal bebas", "tgl bebas", "ekspirasi", "tanggal ekspirasi"),
        "01-06-2026",
    ),
    Column(
        "blok", gettext_lazy("Blok hunian"), False, ("blok hunian", "kamar", "blok kamar"), "Blok A"
    ),
    # The PP 25/2011 recap: a code or its Indonesian label (participants/vocabularies.py).
    Column(
        "zat_utama",
        gettext_lazy("Zat utama"),
        False,
        ("zat", "zat utama yang digunakan", "jenis narkotika"),
        "amphetamines",
        gettext_lazy("Kode atau nama: amphetamines / Amfetamin (sabu, ekstasi), cannabis, …"),
    ),
    Column(
        "lama_pakai",
        gettext_lazy("Lama pemakaian"),
        False,
        ("lama pemakaian", "lama penggunaan"),
        "3 tahun",
        gettext_lazy("Angka dan satuan: “18 bulan” atau “3 tahun”."),
    ),
    Column(
        "cara_pakai",
        gettext_lazy("Cara pakai"),
        False,
        ("cara pemakaian", "cara penggunaan"),
        "smoked",
        gettext_lazy("Kode atau nama: smoked, sniffed, oral, injected, other."),
    ),
    Column(
        "diagnosis",
        gettext_lazy("Diagnosis (ICD-10)"),
        False,
        ("diagnosa", "icd 10", "diagnosis icd 10"),
        "F15",
        gettext_lazy("F10–F19 atau “none” (tidak ada diagnosis)."),
    ),
    Column(
        "riwayat_terapi",
        gettext_lazy("Riwayat terapi/rehabilitasi"),
        False,
        ("riwayat rehabilitasi", "riwayat terapi rehabilitasi"),
        "never",
        gettext_lazy("Kode atau nama: never, outpatient, inpatient, upt, other."),
    ),
]
# Recap column → coded field.
CODED_COLUMNS = {
    "zat_utama": "primary_substance",
    "cara_pakai": "use_route",
    "diagnosis": "diagnosis",
    "riwayat_terapi": "treatment_history",
}
COLUMN_KEYS = [column.key for column in COLUMNS]
# Lazy: translated only when a message is actually built (5,000 rows, mostly clean).
LABEL_OF = {column.key: column.label for column in COLUMNS}

# Column → model field, for the columns that copy across as they are.
FIELD_OF = {
    "no_registrasi": "registration_number",
    "jenis_register": "register_type",
    "nama": "name",
    "nik": "nik",
    "tempat_lahir": "birth_place",
    "tanggal_lahir": "birth_date",
    "jenis_kelamin": "sex",
    "agama": "religion",
    "pendidikan": "education",
    "pasal": "case_article",
    "tanggal_masuk": "admission_date",
    "perkiraan_bebas": "expected_release_date",
    "blok": "cell_block",
}
MAX_LENGTHS = {
    "registration_number": 40,
    "name": 200,
    "birth_place": 100,
    "case_article": 200,
    "cell_block": 40,
}

REGISTERS = {value.replace(".", "").upper(): value for value in RegisterType.values}
SEXES = {
    **dict.fromkeys(("l", "lk", "laki laki", "laki", "pria", "m"), Participant.Sex.MALE),
    **dict.fromkeys(("p", "pr", "perempuan", "wanita", "f"), Participant.Sex.FEMALE),
}
RELIGIONS = {
    "islam": "islam",
    "kristen": "protestan",
    "protestan": "protestan",
    "kristen protestan": "protestan",
    "katolik": "katolik",
    "katholik": "katolik",
    "kristen katolik": "katolik",
    "hindu": "hindu",
    "buddha": "buddha",
    "budha": "buddha",
    "konghucu": "konghucu",
    "khonghucu": "konghucu",
    "lainnya": "lainnya",
    "kepercayaan": "lainnya",
}
EDUCATION = {
    "tidak sekolah": "none",
    "belum sekolah": "none",
    "tidak tamat sd": "none",
    "sd": "sd",
    "sd sederajat": "sd",
    "smp": "smp",
    "sltp": "smp",
    "mts": "smp",
    "sma": "sma",
    "smk": "sma",
    "slta": "sma",
    "ma": "sma",
    "sma smk": "sma",
    "diploma": "diploma",
    "d1": "diploma",
    "d2": "diploma",
    "d3": "diploma",
    "d4": "s1",
    "s1": "s1",
    "sarjana": "s1",
    "s2": "s2",
    "s3": "s2",
}
DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y", "%d/%m/%y")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (type, size, encoding, columns)."""


@dataclass
class Table:
    """What a file holds: its header cells and its data rows (with their line numbers)."""

    columns: dict[str, int]  # column key → position
    ignored: list[str]
    rows: list[tuple[int, list]]


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


# --- reading the file -------------------------------------------------------------------


def check_upload(name: str, size: int) -> str:
    """The file's extension, or a message saying why it is refused before being stored."""
    extension = Path(name).suffix.lower()
    if extension == ".xls":
        raise ImportFileError(
            _("Format .xls (Excel lama) tidak didukung. Simpan ulang sebagai .xlsx atau CSV.")
        )
    if extension not in EXTENSIONS:
        raise ImportFileError(
            _("Jenis berkas tidak didukung (%(ext)s). Unggah berkas .csv atau .xlsx.")
            % {"ext": extension or _("tanpa ekstensi")}
        )
    if size == 0:
        raise ImportFileError(_("Berkas kosong."))
    if size > MAX_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar (%(size).1f MB); paling besar %(max)s MB.")
            % {"size": size / 1024 / 1024, "max": MAX_BYTES // 1024 // 1024}
        )
    return extension


def read_table(path: Path) -> Table:
    """Rows of a stored .csv or .xlsx file, with its header recognised."""
    extension = path.suffix.lower()
    try:
        raw = _read_xlsx(path) if extension == ".xlsx" else _read_csv(path)
    except spreadsheets.SpreadsheetLimitError as error:
        raise ImportFileError(str(error))
    return _find_header(raw)


def _read_csv(path: Path) -> list[list]:
    data = spreadsheets.read_csv_text(path, LIMITS)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "Berkas tidak dapat dibaca: pengodean karakternya bukan UTF-8 (baris %(line)s). "
                "Di Excel, pilih Simpan Sebagai → “CSV UTF-8 (dipisah koma)”."
            )
            % {"line": line}
        )
    if "\x00" in text:
        # Past the first 4 KB a NUL is damage, not a binary file: say where it is.
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError(
            _(
                "Berkas berisi karakter NUL yang tidak sah pada baris %(line)s; berkas mungkin "
                "rusak. Simpan ulang dari Excel sebagai “CSV UTF-8” lalu unggah lagi."
            )
            % {"line": line}
        )
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return spreadsheets.read_csv_rows(text, dialect, LIMITS)
    except csv.Error as error:
        raise ImportFileError(_("CSV tidak valid: %(error)s") % {"error": error})


def _read_xlsx(path: Path) -> list[list]:
    if not zipfile.is_zipfile(path):
        raise ImportFileError(
            _("Berkas ini bukan Excel .xlsx yang valid (mungkin rusak atau berekstensi salah).")
        )
    try:
        return spreadsheets.read_xlsx(path, LIMITS)
    except spreadsheets.SpreadsheetLimitError:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise ImportFileError(_("Berkas Excel tidak dapat dibuka atau dibaca; mungkin rusak."))


def _header_key(cell) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(cell or "").lower()).strip()


HEADER_LOOKUP = {
    name: column.key
    for column in COLUMNS
    for name in (column.key.replace("_", " "), _header_key(column.label), *column.aliases)
}


def _header_row(raw: list[list]) -> tuple[int, dict[str, int], list[str]] | None:
    """The header is the first row (of the first ten) naming the key columns: SDP exports
    often put a title and the facility's name above it."""
    for index, row in enumerate(raw[:10]):
        positions: dict[str, int] = {}
        ignored = []
        for position, cell in enumerate(row):
            key = HEADER_LOOKUP.get(_header_key(cell))
            if key and key not in positions:
                positions[key] = position
            elif _header_key(cell):
                ignored.append(str(cell))
        if "no_registrasi" in positions and "nama" in positions:
            return index, positions, ignored
    return None


def _find_header(raw: list[list]) -> Table:
    found = _header_row(raw)
    if found is None:
        if not any(any(_present(cell) for cell in row) for row in raw):
            raise ImportFileError(_("Berkas kosong."))
        raise ImportFileError(
            _(
                "Baris judul kolom tidak ditemukan. Kolom wajib: %(columns)s. "
                "Unduh templat untuk melihat susunan kolomnya."
            )
            % {"columns": ", ".join(c.key for c in COLUMNS if c.required)}
        )
    index, positions, ignored = found
    missing = [c.key for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        raise ImportFileError(
            _("Kolom wajib tidak ada: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = [
        (line, row)
        for line, row in enumerate(raw[index + 1 :], start=index + 2)
        if any(_present(cell) for cell in row)
    ]
    if not rows:
        raise ImportFileError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("Terlalu banyak baris (lebih dari %(max)s). Bagi berkas menjadi beberapa bagian.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    return Table(columns=positions, ignored=ignored, rows=rows)


def _present(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


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
    value = mapping.get(_header_key(text))
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
    errors = result.errors
    values = result.values
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
    values["sex"] = SEXES.get(_header_key(sex), "")
    if not values["sex"]:
        errors.append(
            _("Jenis kelamin wajib diisi dengan L atau P.")
            if not sex
            else _("Jenis kelamin “%(value)s” tidak dikenal (L atau P).") % {"value": sex[:20]}
        )
    nik_cell = cell("nik")
    values["nik"] = normalise_nik(_text(nik_cell))
    if error := nik_error(values["nik"]):
        errors.append(error)
    values["birth_place"] = _text(cell("tempat_lahir"))
    values["birth_date"] = _date(cell("tanggal_lahir"), LABEL_OF["tanggal_lahir"], errors)
    values["admission_date"] = _date(cell("tanggal_masuk"), LABEL_OF["tanggal_masuk"], errors)
    if values["admission_date"] is None and not _present(cell("tanggal_masuk")):
        errors.append(_("Tanggal masuk wajib diisi."))
    values["expected_release_date"] = _date(
        cell("perkiraan_bebas"), LABEL_OF["perkiraan_bebas"], errors
    )
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
    errors.extend(
        str(message)
        for message in date_errors(
            birth_date=values["birth_date"],
            admission_date=values["admission_date"],
            expected_release_date=values["expected_release_date"],
            today=today,
        ).values()
    )
    return result


UPDATABLE = [
    "name",
    "nik",
    "birth_place",
    "birth_date",
    "sex",
    "religion",
    "education",
    "case_article",
    "admission_date",
    "expected_release_date",
    "cell_block",
    "primary_substance",
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
        if nik:
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
        if row.errors:
            continue
        current = existing.get(number)
        if current is None:
            row.action = "create"
            continue
        row.existing = current
        for name in UPDATABLE:
            new = row.values.get(name)
            # An empty cell never erases what the register already holds.
            if new not in ("", None) and new != getattr(current, name):
                row.changes.append(name)
        if row.values["register_type"] != current.register_type:
            row.changes.append("register_type")
        if not row.errors:
            merged = {n: getattr(current, n) for n in UPDATABLE}
            merged.update({n: row.values[n] for n in row.changes if n != "register_type"})
            row.errors.extend(
                str(message)
                for message in date_errors(
                    birth_date=merged["birth_date"],
                    admission_date=merged["admission_date"],
                    expected_release_date=merged["expected_release_date"],
                    today=today,
                ).values()
            )
        row.action = "update" if row.changes else "unchanged"
    return Preview(rows=rows, ignored_columns=table.ignored)


# --- writing ------------------------------------------------------------------------------


@transaction.atomic
def import_commit(*, preview: Preview, facility: Facility, user, source_name: str) -> dict:
    """Write every row of a clean preview, or nothing. Returns the counts written."""
    if preview.error_rows:
        raise ValidationError(_("Masih ada baris yang salah; tidak ada data yang disimpan."))
    now = timezone.now()
    today = timezone.localdate()
    reason = _("Impor dari berkas %(name)s") % {"name": source_name}
    new = [
        Participant(facility=facility, **{k: v or _blank(k) for k, v in row.values.items()})
        for row in preview.rows
        if row.action == "create"
    ]
    changed, register_changes, fields = [], [], {"updated_at"}
    for row in preview.rows:
        if row.action != "update":
            continue
        participant = row.existing
        for name in row.changes:
            if name == "register_type":
                register_changes.append(
                    RegisterChange(
                        participant=participant,
                        changed_on=today,
                        from_type=participant.register_type,
                        to_type=row.values["register_type"],
                        from_number=participant.registration_number,
                        to_number=participant.registration_number,
                        reason=reason,
                        recorded_by=user,
                    )
                )
            setattr(participant, name, row.values[name])
            fields.add(name)
            if participant.recap_reviewed([name]):
                fields.add("recap_unmapped")
        participant.updated_at = now
        # A petugas's edit form opened before the import is now stale (rutan.versioning).
        participant.version += 1
        fields.add("version")
        changed.append(participant)
    try:
        with transaction.atomic():
            if new:
                bulk_create_with_history(
                    new,
                    Participant,
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
            if changed:
                bulk_update_with_history(
                    changed,
                    Participant,
                    sorted(fields),
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
            if register_changes:
                bulk_create_with_history(
                    register_changes, RegisterChange, batch_size=500, default_user=user
                )
    except IntegrityError:
        raise ValidationError(
            _("Data berubah selama impor (mungkin diimpor bersamaan). Ulangi pratinjau.")
        )
    return {"create": len(new), "update": len(changed), "register": len(register_changes)}


def _blank(name: str):
    """The stored value of an empty cell: NULL for dates and numbers, "" for text."""
    return None if name.endswith(("date", "_months")) else ""


# --- the stored upload -----------------------------------------------------------------------


def import_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / IMPORT_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(upload, extension: str) -> str:
    """Keep the upload under an unguessable name until commit; returns that token."""
    remove_stale()
    token = secrets.token_hex(16)
    with open(import_dir() / f"{token}{extension}", "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return token


def stored_path(token: str, extension: str) -> Path | None:
    """The stored file for a session's token, if it is well-formed and still there."""
    if not re.fullmatch(r"[0-9a-f]{32}", token or "") or extension not in EXTENSIONS:
        return None
    path = import_dir() / f"{token}{extension}"
    return path if path.is_file() else None


def discard(token: str, extension: str) -> None:
    if path := stored_path(token, extension):
        path.unlink(missing_ok=True)


def remove_stale() -> None:
    """Uploads nobody committed or cancelled are deleted after a day."""
    limit = time.time() - STALE_AFTER.total_seconds()
    for path in import_dir().glob("*"):
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


# --- the template ------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    """An empty workbook with the documented columns, one fictional example row and a guide."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(COLUMN_KEYS)
    sheet.append(spreadsheets.safe_row(column.example for column in COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.key) + 4)
        if column.key in ("nik", "no_registrasi"):
            # Text, so that Excel does not turn a 16-digit NIK into 6.47199E+15.
            for row in range(2, 2001):
                sheet[f"{letter}{row}"].number_format = "@"
    guide = workbook.create_sheet(_("Petunjuk"))
    guide.append([_("Kolom"), _("Isi"), _("Wajib"), _("Keterangan")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append(
            [column.key, str(column.label), _("ya") if column.required else "", str(column.help)]
        )
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 26
    guide.column_dimensions["D"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMN_KEYS)
    writer.writerow(spreadsheets.safe_row(column.example for column in COLUMNS))
    return buffer.getvalue().encode("utf-8-sig")
