"""The PP 25/2011 recap of a region or the nation: the sum of its facilities' monthly reports."""

from collections import Counter
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from rehab.reports.figures import monthly_report
from rehab.reports.periods import period_parse
from rehab.reports.recap import recap_figures
from rutan.models import Facility
from rutan.models import Region
from rutan.workbooks import HEADER_ROW
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import FacilityFactory
from tests.pdf_checks import pdf_text
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_known_month
from tests.rehab.reports_fixture import build_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(facility, other_facility):
    build_known_month(facility, other_facility)
    # A facility of another region, busy in November: never in Kalimantan Timur's recap.
    jakarta = FacilityFactory(code="lapas-jakarta", region=Region.objects.get(code="31"))
    build_month(jakarta, participants=5, sessions=1)
    # Samarinda gets participants with codes Balikpapan also uses.
    cohort = CohortFactory(programme__facility=other_facility)
    for substance in ("amphetamines", "cannabis", ""):
        EnrollmentFactory(
            cohort=cohort,
            activated_on=NOVEMBER,
            participant__facility=other_facility,
            participant__primary_substance=substance,
            participant__use_duration_months=48,
        )
    return facility


def _counts(tables) -> dict[str, Counter]:
    return {t.key: Counter({row[0]: row[1] for row in t.rows}) for t in tables}


def test_a_regions_recap_is_the_sum_of_its_facilities_monthly_reports(known, region):
    recap = recap_figures(
        facilities=Facility.objects.filter(region=region),
        region=region,
        period=period_parse("2025-11"),
    )
    summed: dict[str, Counter] = {}
    for facility in Facility.objects.filter(region=region):
        report = monthly_report(facility=facility, month=NOVEMBER)
        for key, counts in _counts(report.pp25.tables()).items():
            summed.setdefault(key, Counter()).update(counts)
    found = _counts(recap.pp25.tables())
    assert set(found) == set(summed)
    for key in found:
        assert +found[key] == +summed[key], key
    assert recap.pp25.handled == 4 + 1 + 3  # Balikpapan, Samarinda's stranger, the three above
    assert {code: n for code, _name, n in recap.per_facility} == {
        "rutan-balikpapan": 4,
        "rutan-samarinda": 4,
    }


def test_the_nations_recap_takes_every_region(known):
    recap = recap_figures(
        facilities=Facility.objects.all(), region=None, period=period_parse("2025-11")
    )
    assert recap.pp25.handled == 8 + 5 and recap.scope_label.startswith("Nasional")


def test_a_quarter_counts_everyone_handled_at_any_time_in_it(known, region):
    facilities = Facility.objects.filter(region=region)
    month = recap_figures(facilities=facilities, region=region, period=period_parse("2025-11"))
    quarter = recap_figures(facilities=facilities, region=region, period=period_parse("2025-Q4"))
    # + the one starting in December and the one who ended on 31 October.
    assert quarter.pp25.handled == month.pp25.handled + 2


def test_page_pdf_and_workbook_agree(client, kanwil, known):
    client.force_login(kanwil)
    page = client.get(reverse("rehab:recap", args=["64", "2025-11"])).content.decode()
    assert "Kanwil Kalimantan Timur" in page and "November 2025" in page

    response = client.get(reverse("rehab:recap_xlsx", args=["64", "2025-11"]))
    assert 'filename="rekap-pp25-64-2025-11.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    handled = workbook["PP25 Jumlah"].cell(row=HEADER_ROW + 1, column=2).value
    substances = workbook["PP25 Zat"]
    sabu = next(
        substances.cell(row=r, column=2).value
        for r in range(HEADER_ROW + 1, substances.max_row + 1)
        if substances.cell(row=r, column=1).value == "Amfetamin (sabu, ekstasi)"
    )
    assert (handled, sabu) == (8, 3)
    assert 'data-testid="report-table-pp25-jumlah"' in page

    pdf = client.get(reverse("rehab:recap_pdf", args=["64", "2025-11"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN KALIMANTAN TIMUR" in text
    assert "Ditangani dalam program rehabilitasi" in text


@pytest.mark.parametrize(
    "user,scope,status",
    [
        ("kanwil", "64", 200),
        ("kanwil", "31", 404),
        ("kanwil", "nasional", 404),
        ("kanwil_other", "64", 404),
        ("pusat", "64", 200),
        ("pusat", "nasional", 200),
        ("admin_user", "nasional", 200),
        ("kepala", "64", 403),
        ("petugas", "nasional", 403),
    ],
)
def test_each_role_reaches_only_its_recaps(login_as, facility, user, scope, status):
    recap = reverse("rehab:recap", args=[scope, "2025-11"])
    assert login_as(user).get(recap).status_code == status


def test_a_period_that_is_none_is_a_404(client, pusat):
    client.force_login(pusat)
    assert client.get(reverse("rehab:recap", args=["nasional", "2025-13"])).status_code == 404


def test_its_query_count_does_not_grow_with_facilities(region):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            recap_figures(
                facilities=Facility.objects.all(), region=None, period=period_parse("2025-11")
            ).tables()
        return len(captured)

    build_month(FacilityFactory(region=region), participants=3, sessions=1)
    few = queries()
    for _n in range(5):
        build_month(FacilityFactory(region=region), participants=3, sessions=1)
    assert queries() == few
