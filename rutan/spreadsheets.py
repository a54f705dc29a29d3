"""Spreadsheets in and out: uploads read within hard limits, and cells written so that no
spreadsheet program runs them.

Reading: a small .xlsx can expand to gigabytes (a zip bomb, or one huge shared string) and
a sheet can claim millions of cells. Every limit below is checked before or while streaming,
and the first one crossed stops the read with a message that names it.

Writing: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula
to Excel and LibreOffice (OWASP, "CSV Injection"): `safe_cell` prefixes such text with an
apostrophe, so it shows as the text it is. It also drops the control characters XML cannot
hold (openpyxl refuses the whole workbook for one of them, and forms accept them: a value
pasted from another program) and cuts text at Excel's cell limit. Numbers, dates and
booleans pass unchanged.
"""

import csv
import io
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


class SpreadsheetLimitError(ValueError):
    """The file crosses one of the reading limits; the message names it."""


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 5 * 1024 * 1024  # the file as uploaded
    max_rows: int = 20_050
    max_columns: int = 100
    max_cells: int = 400_000  # 20,000 rows × 20 columns
    max_uncompressed: int = 60 * 1024 * 1024  # every member of the .xlsx, as declared
    max_members: int = 300
    max_shared_strings: int = 300_000
    max_string_length: int = 32_767  # Excel's own limit for one cell
    seconds: float = 30.0


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class _Budget:
    """Counts rows, columns and cells as they stream, and watches the clock."""

    def __init__(self, limits: ReadLimits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.rows = 0
        self.cells = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise SpreadsheetLimitError(
                _("Berkas terlalu lama dibaca (batas waktu %(seconds)s detik).")
                % {"seconds": _number(int(self.limits.seconds))}
            )

    def row(self, width: int) -> None:
        limits = self.limits
        self.rows += 1
        if self.rows > limits.max_rows:
            raise SpreadsheetLimitError(
                _("Berkas melebihi batas jumlah baris (%(max)s baris).")
                % {"max": _number(limits.max_rows)}
            )
        if width > limits.max_columns:
            raise SpreadsheetLimitError(
                _("Berkas melebihi batas jumlah kolom (%(max)s kolom) pada baris %(line)s.")
                % {"max": _number(limits.max_columns), "line": _number(self.rows)}
            )
        self.cells += width
        if self.cells > limits.max_cells:
            raise SpreadsheetLimitError(
                _("Berkas melebihi batas jumlah sel (%(max)s sel).")
                % {"max": _number(limits.max_cells)}
            )
        if self.rows % 256 == 0:
            self.tick()


Source = Path | BinaryIO  # a stored file, or an open one (e.g. from object storage)


def _size(source: Source) -> int:
    if isinstance(source, Path):
        return source.stat().st_size
    position = source.tell()
    size = source.seek(0, io.SEEK_END)
    source.seek(position)
    return size


def _check_size(source: Source, limits: ReadLimits) -> None:
    if _size(source) > limits.max_bytes:
        raise SpreadsheetLimitError(
            _("Berkas melebihi batas ukuran (%(max)s MB).")
            % {"max": _number(limits.max_bytes // 1024 // 1024)}
        )


def _check_zip(archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse a workbook whose members would expand past the limits, before opening any.

    zipfile never inflates a member past its declared `file_size`, so the declared sizes
    bound what the reader below can ever decompress.
    """
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise SpreadsheetLimitError(
            _("Berkas Excel melebihi batas jumlah bagian (%(max)s bagian).")
            % {"max": _number(limits.max_members)}
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed:
        raise SpreadsheetLimitError(
            _("Berkas Excel melebihi batas ukuran setelah diekstrak (%(max)s MB).")
            % {"max": _number(limits.max_uncompressed // 1024 // 1024)}
        )


ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
STRING_TAG = re.compile(rb"<(?:\w+:)?si[\s>/]")
CHUNK = 1024 * 1024
# A text longer than Excel's cell limit is a run this long without a tag (UTF-8: ≤ 4 bytes each).
LONGEST_RUN = 4 * ReadLimits.max_string_length
LONG_RUN = re.compile(rb"[^<]{%d}" % (LONGEST_RUN + 1))


def _scan(source, patterns: dict[str, re.Pattern], budget: "_Budget", on_count) -> None:
    """Count tags in an XML stream chunk by chunk (far faster than parsing it), calling
    `on_count(name, total)` as counts grow; refuse a text run longer than any cell may hold."""
    counts = dict.fromkeys(patterns, 0)
    tail = b""
    while chunk := source.read(CHUNK):
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut == -1:
            cut = 0
        if len(data) - cut > LONGEST_RUN or LONG_RUN.search(data, 0, cut):
            raise SpreadsheetLimitError(
                _("Berkas Excel berisi teks yang melebihi batas panjang (%(max)s huruf).")
                % {"max": _number(budget.limits.max_string_length)}
            )
        body, tail = data[:cut], data[cut:]
        for name, pattern in patterns.items():
            counts[name] += len(pattern.findall(body))
            on_count(name, counts[name])
        budget.tick()
    for name, pattern in patterns.items():
        counts[name] += len(pattern.findall(tail))
        on_count(name, counts[name])


def _prescan(archive: zipfile.ZipFile, budget: "_Budget") -> None:
    """Count shared strings, rows and cells in the raw XML before openpyxl loads anything."""
    limits = budget.limits

    def check(name: str, count: int) -> None:
        if name == "strings" and count > limits.max_shared_strings:
            raise SpreadsheetLimitError(
                _("Berkas Excel melebihi batas jumlah teks berbeda (%(max)s teks).")
                % {"max": _number(limits.max_shared_strings)}
            )
        if name == "rows" and count > limits.max_rows:
            raise SpreadsheetLimitError(
                _("Berkas melebihi batas jumlah baris (%(max)s baris).")
                % {"max": _number(limits.max_rows)}
            )
        if name == "cells" and count > limits.max_cells:
            raise SpreadsheetLimitError(
                _("Berkas melebihi batas jumlah sel (%(max)s sel).")
                % {"max": _number(limits.max_cells)}
            )

    for member in archive.namelist():
        lowered = member.lower()
        if lowered.endswith("sharedstrings.xml"):
            patterns = {"strings": STRING_TAG}
        elif lowered.startswith("xl/worksheets/") and lowered.endswith(".xml"):
            patterns = {"rows": ROW_TAG, "cells": CELL_TAG}
        else:
            continue
        with archive.open(member) as source:
            _scan(source, patterns, budget, check)


def read_xlsx(path: Source, limits: ReadLimits | None = None) -> list[list]:
    """The first sheet's rows as lists of values, or SpreadsheetLimitError at the first limit.

    Other errors (not a zip, damaged XML) propagate as they are for the caller to word.
    """
    limits = limits or ReadLimits()
    budget = _Budget(limits)
    _check_size(path, limits)
    with zipfile.ZipFile(path) as archive:
        _check_zip(archive, limits)
        _prescan(archive, budget)
    if not isinstance(path, Path):
        path.seek(0)
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # The sheet's declared dimension may claim A1:XFD1048576; read only the cells it has.
        sheet.reset_dimensions()
        rows = []
        for row in sheet.iter_rows(values_only=True):
            budget.row(len(row))
            rows.append(list(row))
        return rows
    finally:
        workbook.close()


def read_csv_text(path: Source, limits: ReadLimits | None = None) -> bytes:
    """The file's bytes once its size and content pass the limits (no NUL byte anywhere)."""
    limits = limits or ReadLimits()
    _check_size(path, limits)
    data = path.read_bytes() if isinstance(path, Path) else path.read(limits.max_bytes + 1)
    if b"\x00" in data[:4096]:
        raise SpreadsheetLimitError(
            _("Berkas berisi karakter NUL; ini bukan CSV teks. Unggah berkas .csv atau .xlsx.")
        )
    if b"\x00" in data:
        # Past the first 4 KB a NUL is damage, not a binary file: say where it is.
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SpreadsheetLimitError(
            _(
                "Berkas berisi karakter NUL yang tidak sah pada baris %(line)s; berkas mungkin "
                "rusak. Simpan ulang dari Excel sebagai “CSV UTF-8” lalu unggah lagi."
            )
            % {"line": line}
        )
    return data


def read_csv_rows(text: str, dialect, limits: ReadLimits | None = None) -> list[list]:
    """Rows of CSV text, stopping at the first row, column, cell or time limit."""
    budget = _Budget(limits or ReadLimits())
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        budget.row(len(row))
        rows.append(row)
    return rows


def rows_below(raw: list[list], header: int, filled) -> list[tuple[int, list]]:
    """The rows under row `header` (0-based) of `raw` in which `filled(cell)` holds for some cell,
    each with its line number as the spreadsheet shows it (1-based): what errors name."""
    return [
        (line, row)
        for line, row in enumerate(raw[header + 1 :], start=header + 2)
        if any(filled(cell) for cell in row)
    ]


# --- writing -------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value a spreadsheet shows as written: text that would start a formula gets a `'`,
    characters a workbook cannot hold are dropped."""
    if not isinstance(value, str):
        return value
    # Dropped first: "\x01=1" would otherwise slip past the prefix check as "=1".
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_PREFIXES):
        value = "'" + value
    return value[: ReadLimits.max_string_length]


def safe_row(values) -> list:
    """`safe_cell` on every value of a row."""
    return [safe_cell(value) for value in values]
