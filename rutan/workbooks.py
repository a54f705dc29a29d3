"""Writing Excel workbooks an office can file (the reading side is rutan/spreadsheets.py).

Every sheet Pulih writes looks the same: a title row and a row naming the facility (or
region) and period, the column headers on row HEADER_ROW, frozen below them and repeated on
every printed page, A4 fitted to the page width (landscape when wide). Numbers stay numbers
and a missing number is an empty cell, so SUM and sorting work; dates are date cells.
"""

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from rutan.spreadsheets import safe_cell

HEADER_ROW = 4
DATE_FORMAT = "DD/MM/YYYY"
DECIMAL_FORMAT = "0.0"
# Wider than this (characters, all columns together) prints landscape.
PORTRAIT_MAX_WIDTH = 90
MIN_WIDTH, MAX_WIDTH = 8, 60
HEADER_FILL = PatternFill("solid", fgColor="D9EAD3")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=12)
# Sheet names may not hold these characters and are at most 31 long.
FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


@dataclass(frozen=True)
class Column:
    label: str
    width: float | None = None  # characters; None fits the longest value (rows are read first)


def cell_value(value) -> tuple[object, str | None]:
    """The raw value for a cell and its number format: no value is an empty cell."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, Decimal):
        return float(value), DECIMAL_FORMAT
    if isinstance(value, dt.datetime):
        # Excel has no time zones: the wall-clock time the page shows.
        return value.replace(tzinfo=None), "DD/MM/YYYY HH:MM"
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    if isinstance(value, int | float):
        return value, None
    return safe_cell(str(value)), None


def _cell(sheet, value, *, font: Font | None = None) -> WriteOnlyCell:
    raw, number_format = cell_value(value)
    cell = WriteOnlyCell(sheet, value=raw)
    if number_format:
        cell.number_format = number_format
    if font:
        cell.font = font
    return cell


def _widths(columns: Sequence[Column], rows: Sequence[Sequence]) -> list[float]:
    widths = []
    for index, column in enumerate(columns):
        if column.width is not None:
            widths.append(column.width)
            continue
        longest = max([len(str(column.label))] + [_shown_length(r[index]) for r in rows])
        widths.append(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def _shown_length(value) -> int:
    if isinstance(value, dt.date):
        return 10
    return len(str(cell_value(value)[0] or ""))


def _page_setup(sheet, widths: list[float]) -> None:
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    wide = sum(widths) > PORTRAIT_MAX_WIDTH
    sheet.page_setup.orientation = "landscape" if wide else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def sheet_add(
    workbook: Workbook,
    *,
    name: str,
    title: str,
    subtitle: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    total: Sequence | None = None,
    note: str = "",
) -> None:
    """A sheet `name` of `rows` under `title` and `subtitle` (who and which period)."""
    if any(column.width is None for column in columns):
        rows = list(rows)  # read first: the widths are set before the first row is written
        widths = _widths(columns, [*rows, *([total] if total else [])])
    else:
        widths = [column.width for column in columns]
    sheet = workbook.create_sheet(title=name.translate(FORBIDDEN)[:31])
    _page_setup(sheet, widths)
    sheet.append([_cell(sheet, title, font=TITLE_FONT)])
    sheet.append([_cell(sheet, subtitle)])
    sheet.append([])
    header = []
    for column in columns:
        cell = _cell(sheet, str(column.label), font=BOLD)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    if total:
        sheet.append([_cell(sheet, value, font=BOLD) for value in total])
    if note:
        sheet.append([])
        sheet.append([_cell(sheet, str(note))])


def workbook_new(*, title: str) -> Workbook:
    """An empty workbook (streamed: rows go straight to the file) titled `title`."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.creator = "Pulih"
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
