"""The monthly report as a page, a PDF and a workbook: same figures, right people, fixed queries."""

import datetime as dt
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import load_workbook

from rehab.reports import pdf as report_pdf
from rehab.reports.figures import monthly_report
from rutan.roles import Role
from rutan.workbooks import HEADER_ROW
from rutan.workbooks import cell_value
from sessions.models import Attendance
from tests.factories import UserFactory
from tests.pdf_checks import pdf_text
from tests.rehab.report_workbook import sheet_figures
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_known_month
from tests.rehab.reports_fixture import build_month


class TableReader(HTMLParser):
    """Cell texts of every <table data-testid=...> on a page, body and footer rows."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("data-testid", "").startswith("report-table-"):
            self.current = self.tables.setdefault(attrs["data-testid"], [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag == "td" and self.current is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.current[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def url(name, facility, month=NOVEMBER):
    return reverse(name, args=[facility.code, month.year, month.month])


@pytest.fixture
def known(facility, other_facility):
    facility.head_name = "Agus Salim"
    facility.city = "Balikpapan"
    facility.save()
    return build_known_month(facility, other_facility)


@pytest.mark.django_db
def test_it_shows_the_same_figures_on_the_page_in_the_pdf_and_in_excel(client, kepala, known):
    client.force_login(kepala)
    page = client.get(url("rehab:report_monthly", known))
    pdf = client.get(url("rehab:report_monthly_pdf", known))
    xlsx = client.get(url("rehab:report_monthly_xlsx", known))
    assert page.status_code == pdf.status_code == xlsx.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "laporan-bulanan-rutan-balikpapan-2025-11.pdf" in pdf["Content-Disposition"]

    reader = TableReader()
    reader.feed(page.content.decode())
    text = pdf_text(pdf.content)
    flat_text = " ".join(text.split())
    workbook = load_workbook(BytesIO(xlsx.content))
    tables = monthly_report(facility=known, month=NOVEMBER).tables()
    assert workbook.sheetnames == [t.key for t in tables]

    for table in tables:
        shown = [[text for text, _css in row] for row in table.display_rows]
        if table.display_total:
            shown.append([text for text, _css in table.display_total])
        # The page: exactly these cells.
        assert reader.tables[f"report-table-{slugify(table.key)}"][1:] == shown, table.title
        # The workbook: the raw values under the header row.
        sheet = workbook[table.key]
        raw = list(table.rows) + ([table.total] if table.total else [])
        for r, row in enumerate(raw, start=HEADER_ROW + 1):
            values = [sheet.cell(row=r, column=c).value for c in range(1, len(row) + 1)]
            expected = [cell_value(v)[0] for v in row]
            # Excel gives dates back as datetimes and empty cells as None.
            expected = [
                dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else v for v in expected
            ]
            expected = [None if v == "" else v for v in expected]
            assert values == expected, (table.title, r)
        # The PDF: every label with its numbers, in order, in the text.
        for row in shown:
            assert " ".join(" ".join(row).split()) in flat_text, (table.title, row)


@pytest.mark.django_db
def test_its_pdf_has_the_official_header_the_recap_and_the_kepalas_signature(client, kepala, known):
    client.force_login(kepala)
    text = pdf_text(client.get(url("rehab:report_monthly_pdf", known)).content)
    assert "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN" in text
    assert "RUTAN KELAS IIA BALIKPAPAN" in text
    assert "LAPORAN BULANAN PROGRAM REHABILITASI" in text
    assert "Bulan November 2025" in text
    assert "Rekap PP No. 25 Tahun 2011 Pasal 18" in text
    for aspect in ("Jumlah warga binaan", "jenis kelamin", "kelompok umur", "Zat yang digunakan"):
        assert aspect in text
    for aspect in ("Lama pemakaian", "Cara pemakaian", "Diagnosis", "Riwayat terapi"):
        assert aspect in text
    assert "Kepala Rutan Kelas IIA Balikpapan," in text
    assert "Agus Salim" in text


@pytest.mark.django_db
def test_its_workbook_has_one_titled_sheet_per_table(client, kepala, known):
    client.force_login(kepala)
    workbook = load_workbook(BytesIO(client.get(url("rehab:report_monthly_xlsx", known)).content))
    summary = workbook["Ringkasan"]
    assert summary["A2"].value == "Rutan Kelas IIA Balikpapan — November 2025"
    rows = sheet_figures(summary)
    assert rows["Warga binaan yang ditangani (orang)"] == 4
    assert rows["Tingkat kehadiran (%)"] == 66.7
    assert workbook["PP25 Zat"].cell(row=HEADER_ROW + 1, column=1).value == "Kanabis (ganja)"


@pytest.mark.django_db
def test_it_needs_the_same_number_of_queries_for_a_small_and_a_busy_month(
    client, admin_user, facility, other_facility
):
    build_month(facility, participants=3, sessions=2)
    build_month(other_facility, participants=25, sessions=8)
    client.force_login(admin_user)
    for name in ("rehab:report_monthly", "rehab:report_monthly_pdf", "rehab:report_monthly_xlsx"):
        counts = []
        for place in (facility, other_facility):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(name, place)).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1] <= 30, (name, counts)


@pytest.mark.django_db
def test_it_sends_the_kepala_from_the_form_to_the_months_report(client, kepala, facility):
    client.force_login(kepala)
    response = client.get(
        reverse("rehab:report_index"), {"facility": facility.code, "month": "2025-11"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("rehab:report_monthly", facility)
    bad = client.get(reverse("rehab:report_index"), {"facility": facility.code, "month": "11-20x"})
    assert bad.status_code == 400
    assert "Masukkan bulan dengan format TTTT-BB" in bad.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["rehab:report_monthly", "rehab:report_monthly_pdf", "rehab:report_monthly_xlsx"]
)
def test_it_keeps_reports_to_their_facility(
    client, name, facility, other_facility, petugas, fasilitator, admin_user
):
    client.force_login(UserFactory(facility=other_facility, role=Role.KEPALA))
    assert client.get(url(name, facility)).status_code == 404
    assert client.get(url(name, other_facility)).status_code == 200
    for reader in (petugas, fasilitator):
        client.force_login(reader)
        assert client.get(url(name, facility)).status_code == 403
    client.force_login(admin_user)
    assert client.get(url(name, facility)).status_code == 200


@pytest.mark.django_db
def test_it_answers_404_for_a_month_that_does_not_exist(client, kepala, facility):
    client.force_login(kepala)
    response = client.get(f"/program/laporan/bulanan/{facility.code}/2025-13/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_it_offers_only_the_kepalas_own_facility_in_the_form(
    client, kepala, facility, other_facility
):
    client.force_login(kepala)
    page = client.get(reverse("rehab:report_index")).content.decode()
    assert facility.name in page and other_facility.name not in page
    response = client.get(
        reverse("rehab:report_index"), {"facility": other_facility.code, "month": "2025-11"}
    )
    assert response.status_code == 400
    assert "Pilih UPT dari daftar." in response.content.decode()


@pytest.mark.django_db
def test_it_keeps_a_closed_months_pdf_and_renders_again_when_its_data_changes(
    client, kepala, known, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    renders = []
    original = report_pdf.render_pdf
    monkeypatch.setattr(
        report_pdf, "render_pdf", lambda *a, **k: renders.append(1) or original(*a, **k)
    )
    client.force_login(kepala)
    first = client.get(url("rehab:report_monthly_pdf", known))
    again = client.get(url("rehab:report_monthly_pdf", known))
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and len(renders) == 1
    assert len(list((tmp_path / "reports" / "monthly").rglob("*.pdf"))) == 1

    # A late correction to November's attendance is in the next download.
    row = Attendance.objects.filter(status="present").first()
    row.status = "absent"
    row.save()
    changed = client.get(url("rehab:report_monthly_pdf", known))
    assert len(renders) == 2 and changed.content != first.content
    assert len(list((tmp_path / "reports" / "monthly").rglob("*.pdf"))) == 1


@pytest.mark.django_db
def test_it_never_keeps_the_pdf_of_the_running_month(client, kepala, facility, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(kepala)
    month = timezone.localdate().replace(day=1)
    assert client.get(url("rehab:report_monthly_pdf", facility, month)).status_code == 200
    assert not (tmp_path / "reports").exists()
