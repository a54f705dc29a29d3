"""Reading the monthly report's Excel file as a reader of the download would."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from rutan.workbooks import HEADER_ROW


def monthly_workbook(client, args):
    """The monthly report's workbook for [facility code, year, month], as the client downloads it."""
    return load_workbook(
        BytesIO(client.get(reverse("rehab:report_monthly_xlsx", args=args)).content)
    )


def sheet_figures(sheet) -> dict:
    """{label: figure} of a sheet's body: column A against column B, below the header row."""
    return {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value
        for r in range(HEADER_ROW + 1, sheet.max_row + 1)
    }
