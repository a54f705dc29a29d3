"""Step 1, read: a stored .csv or .xlsx file into rows, or a clear refusal of the whole file."""

import csv
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from participants.importing.columns import COLUMNS
from rutan import spreadsheets

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# Hard limits while reading (rows include a title block above the header).
LIMITS = spreadsheets.ReadLimits(max_bytes=MAX_BYTES, max_rows=MAX_ROWS + 50)
EXTENSIONS = (".csv", ".xlsx")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (type, size, encoding, columns)."""


@dataclass
class Table:
    """What a file holds: its header cells and its data rows (with their line numbers)."""

    columns: dict[str, int]  # column key → position
    ignored: list[str]
    rows: list[tuple[int, list]]


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


def header_key(cell) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(cell or "").lower()).strip()


HEADER_LOOKUP = {
    name: column.key
    for column in COLUMNS
    for name in (column.key.replace("_", " "), header_key(column.label), *column.aliases)
}


def _header_row(raw: list[list]) -> tuple[int, dict[str, int], list[str]] | None:
    """The header is the first row (of the first ten) naming the key columns: SDP exports
    often put a title and the facility's name above it."""
    for index, row in enumerate(raw[:10]):
        positions: dict[str, int] = {}
        ignored = []
        for position, cell in enumerate(row):
            key = HEADER_LOOKUP.get(header_key(cell))
            if key and key not in positions:
                positions[key] = position
            elif header_key(cell):
                ignored.append(str(cell))
        if "no_registrasi" in positions and "nama" in positions:
            return index, positions, ignored
    return None


def _find_header(raw: list[list]) -> Table:
    found = _header_row(raw)
    if found is None:
        if not any(any(present(cell) for cell in row) for row in raw):
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
    rows = spreadsheets.rows_below(raw, index, present)
    if not rows:
        raise ImportFileError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("Terlalu banyak baris (lebih dari %(max)s). Bagi berkas menjadi beberapa bagian.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    return Table(columns=positions, ignored=ignored, rows=rows)


def present(cell) -> bool:
    return cell is not None and str(cell).strip() != ""
