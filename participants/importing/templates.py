"""The empty file a facility downloads to fill in: the documented columns and an example row."""

import csv
import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from participants.importing.columns import COLUMN_KEYS
from participants.importing.columns import COLUMNS
from rutan import spreadsheets

# --- the template ------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    """An empty workbook with the documented columns, one fictional example row and a guide."""
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
