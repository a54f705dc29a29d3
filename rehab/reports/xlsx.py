"""The monthly report as an Excel workbook: one sheet per table, numbers kept as numbers."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from rehab.reports.figures import MonthlyReport
from rehab.reports.tables import Table, month_label
from rutan.spreadsheets import safe_cell

HEADER_ROW = 4
HEADER_FILL = PatternFill("solid", fgColor="D9EAD3")
BOLD = Font(bold=True)
# Sheet names may not hold these characters and are at most 31 long.
FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def excel_value(value):
    """The raw value for a cell, and its number format."""
    if value is None:
        return "–", None
    if isinstance(value, Decimal):
        return float(value), "0.0"
    if isinstance(value, dt.date):
        return value, "DD/MM/YYYY"
    if isinstance(value, int | float):
        return value, None
    return safe_cell(str(value)), None


def _write_table(sheet, table: Table, subtitle: str) -> None:
    sheet["A1"] = safe_cell(str(table.title))
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A2"] = safe_cell(subtitle)
    widths = [len(column.label) for column in table.columns]
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=col, value=safe_cell(str(column.label)))
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    rows = list(table.rows) + ([table.total] if table.total else [])
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, value in enumerate(row, start=1):
            raw, number_format = excel_value(value)
            cell = sheet.cell(row=r, column=col, value=raw)
            if number_format:
                cell.number_format = number_format
            if table.total and r == HEADER_ROW + len(rows):
                cell.font = BOLD
            widths[col - 1] = max(widths[col - 1], len(str(raw)))
    if table.note:
        sheet.cell(row=HEADER_ROW + len(rows) + 2, column=1, value=safe_cell(str(table.note)))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)


def monthly_report_workbook(report: MonthlyReport) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    label = month_label(report.month)
    workbook.properties.title = _("Laporan Bulanan Program Rehabilitasi") + f" {label}"
    workbook.properties.creator = "Pulih"
    subtitle = f"{report.facility.name} — {label}"
    for table in report.tables():
        sheet = workbook.create_sheet(title=table.key.translate(FORBIDDEN)[:31])
        _write_table(sheet, table, subtitle)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
