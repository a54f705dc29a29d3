"""Every workbook Pulih writes can be filed and summed: a title row naming the facility (or
region) and period, frozen and repeated headers, A4 fitted to the width, empty cells where
there is no number, and date cells that are dates."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rutan.workbooks import HEADER_ROW
from rutan.workbooks import Column
from rutan.workbooks import sheet_add
from rutan.workbooks import workbook_bytes
from rutan.workbooks import workbook_new
from tests.factories import ParticipantFactory
from tests.rehab.reports_fixture import build_known_month

pytestmark = pytest.mark.django_db


def opened(content: bytes):
    return load_workbook(BytesIO(content))


def written_and_read(columns, rows, subtitle="x", **options):
    """One sheet "Data" of a workbook titled Uji, as a reader opens the saved file."""
    workbook = workbook_new(title="Uji")
    sheet_add(
        workbook,
        name="Data",
        title="Uji",
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        **options,
    )
    return opened(workbook_bytes(workbook))["Data"]


def assert_fileable(sheet, *, title: str, subtitle: str) -> None:
    assert title in sheet["A1"].value and sheet["A1"].font.bold
    assert sheet["A2"].value == subtitle
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert int(sheet.page_setup.paperSize) == 9  # A4 in the OOXML paper codes
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_a_missing_number_is_an_empty_cell_and_a_sum_adds_up():
    sheet = written_and_read(
        [Column("Uraian"), Column("Jumlah"), Column("Persen"), Column("Tanggal")],
        [
            ["a", 3, Decimal("50.0"), dt.date(2025, 11, 5)],
            ["b", None, None, None],
            ["c", 4, Decimal("12.5"), dt.date(2025, 11, 19)],
        ],
        subtitle="Rutan Uji — November 2025",
        total=["Jumlah", 7, None, None],
    )
    assert_fileable(sheet, title="Uji", subtitle="Rutan Uji — November 2025")
    first, body_end = HEADER_ROW + 1, HEADER_ROW + 3
    empty = sheet.cell(row=first + 1, column=2)
    assert empty.value is None and empty.data_type == "n"
    numbers = [sheet.cell(row=r, column=2).value for r in range(first, body_end + 1)]
    assert sum(n for n in numbers if n is not None) == sheet.cell(row=body_end + 1, column=2).value
    assert sheet.cell(row=first, column=3).number_format == "0.0"
    date = sheet.cell(row=first, column=4)
    assert date.is_date and date.value.date() == dt.date(2025, 11, 5)
    assert date.number_format == "DD/MM/YYYY"
    # Narrow: portrait; every column at least wide enough for its header.
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.column_dimensions["B"].width >= len("Jumlah")


def test_a_wide_sheet_prints_landscape_and_text_that_looks_like_a_formula_stays_text():
    sheet = written_and_read(
        [Column(f"Kolom {n}", width=20) for n in range(6)], [["=HYPERLINK(1)", 1, 2, 3, 4, 5]]
    )
    assert sheet.page_setup.orientation == "landscape"
    cell = sheet.cell(row=HEADER_ROW + 1, column=1)
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_the_monthly_report_workbook_names_the_facility_and_month_and_sums(
    client, kepala, facility, other_facility
):
    build_known_month(facility, other_facility)
    client.force_login(kepala)
    url = reverse("rehab:report_monthly_xlsx", args=[facility.code, 2025, 11])

    workbook = opened(client.get(url).content)

    for sheet in workbook.worksheets:
        assert_fileable(
            sheet,
            title="Laporan Bulanan Program Rehabilitasi",
            subtitle="Rutan Kelas IIA Balikpapan — November 2025",
        )
    status = workbook["Kehadiran"]
    rows = list(status.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    body, total = rows[:-1], rows[-1]
    assert total[0] == "Jumlah"
    assert sum(row[1] for row in body) == total[1]
    # No text stands in for a number anywhere: a dash would break SUM.
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
            assert "–" not in row and "-" not in row, (sheet.title, row)


def test_the_recap_workbook_names_the_region_and_period(client, kanwil, facility):
    client.force_login(kanwil)

    workbook = opened(client.get(reverse("rehab:recap_xlsx", args=["64", "2025-11"])).content)

    for sheet in workbook.worksheets:
        assert_fileable(
            sheet,
            title="Rekap PP No. 25 Tahun 2011 Pasal 18",
            subtitle="Kanwil Kalimantan Timur — November 2025",
        )


def test_the_participant_export_has_widths_and_real_dates(client, petugas):
    ParticipantFactory(
        facility=petugas.facility,
        name="Budi Hartono",
        birth_date=dt.date(1990, 2, 14),
        admission_date=dt.date(2025, 3, 1),
        expected_release_date=None,
    )
    client.force_login(petugas)

    sheet = opened(client.get(reverse("participants:export")).content).active

    assert_fileable(sheet, title="Daftar warga binaan", subtitle=sheet["A2"].value)
    assert sheet["A2"].value.startswith(petugas.facility.name + " — per ")
    header = [c.value for c in sheet[HEADER_ROW]]
    row = dict(zip(header, sheet[HEADER_ROW + 1], strict=True))
    assert row["Nama"].value == "Budi Hartono"
    born = row["Tanggal lahir"]
    assert born.is_date and born.value.date() == dt.date(1990, 2, 14)
    assert born.number_format == "DD/MM/YYYY"
    assert row["Perkiraan bebas"].value is None
    assert sheet.column_dimensions["C"].width == 30  # the name column
    assert sheet.page_setup.orientation == "landscape"
