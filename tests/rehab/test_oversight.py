"""The regional and national dashboard: one row per facility, totals, map, trend, quiet facilities."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rehab.reports.oversight import oversight_board
from rehab.reports.periods import period_parse
from rutan.models import Facility
from tests.factories import CohortFactory
from tests.factories import FacilityFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.rehab.reports_fixture import build_known_month
from tests.rehab.reports_fixture import build_month

pytestmark = pytest.mark.django_db
URL = "/program/wilayah/"


@pytest.fixture
def jakarta(regions):
    return FacilityFactory(
        name="Lapas Narkotika Kelas IIA Jakarta",
        code="lapas-narkotika-jakarta",
        kind=Facility.Kind.LAPAS,
        timezone="Asia/Jakarta",
        region=regions.get(code="31"),
    )


def test_it_shows_a_kanwil_one_row_per_facility_of_its_region(
    client, kanwil, facility, other_facility, jakarta
):
    build_known_month(facility, other_facility)
    client.force_login(kanwil)
    response = client.get(URL, {"periode": "2025-11"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="row-rutan-balikpapan"' in page
    assert 'data-testid="row-rutan-samarinda"' in page
    assert "lapas-narkotika-jakarta" not in page
    assert "Kanwil Kalimantan Timur" in page


def test_its_figures_are_the_monthly_reports(facility, other_facility, jakarta):
    build_known_month(facility, other_facility)
    board = oversight_board(
        facilities=Facility.objects.all(), period=period_parse("2025-11"), sort="name"
    )
    rows = {row.facility.code: row for row in board.rows}
    balikpapan = rows["rutan-balikpapan"]
    # As the monthly report counts them (tests/rehab/test_reports_figures.py).
    assert (balikpapan.active, balikpapan.held, balikpapan.cancelled) == (2, 2, 1)
    assert (balikpapan.attended, balikpapan.recorded) == (4, 6)
    assert str(balikpapan.attendance_rate) == "66.7"
    assert rows["rutan-samarinda"].held == 1
    assert rows["lapas-narkotika-jakarta"].held == 0
    assert board.total.held == 3 and board.total.recorded == 7
    regions = {r.region.code: r for r in board.regions}
    assert regions["64"].facilities == 2 and regions["64"].held == 3
    assert regions["31"].facilities == 1


def test_it_sorts_by_a_column_both_ways(client, pusat, facility, other_facility, jakarta):
    build_known_month(facility, other_facility)
    client.force_login(pusat)

    def order(sort):
        page = client.get(URL, {"periode": "2025-11", "urut": sort}).content.decode()
        codes = ["rutan-balikpapan", "rutan-samarinda", "lapas-narkotika-jakarta"]
        return sorted(codes, key=lambda code: page.index(f'data-testid="row-{code}"'))

    assert order("-held") == ["rutan-balikpapan", "rutan-samarinda", "lapas-narkotika-jakarta"]
    assert order("held")[0] == "lapas-narkotika-jakarta"


def test_it_filters_by_facility_kind_and_region(client, pusat, facility, jakarta):
    client.force_login(pusat)
    page = client.get(URL, {"jenis": "lapas"}).content.decode()
    assert "row-lapas-narkotika-jakarta" in page and "row-rutan-balikpapan" not in page
    page = client.get(URL, {"kanwil": "64"}).content.decode()
    assert "row-rutan-balikpapan" in page and "row-lapas-narkotika-jakarta" not in page
    # A value that does not read is ignored; the other filter still holds.
    page = client.get(URL, {"jenis": "penjara", "kanwil": "64"}).content.decode()
    assert "row-rutan-balikpapan" in page and "row-lapas-narkotika-jakarta" not in page
    page = client.get(URL, {"jenis": "lapas", "kanwil": "99"}).content.decode()
    assert "row-lapas-narkotika-jakarta" in page and "row-rutan-balikpapan" not in page


def test_it_lists_facilities_with_nothing_recorded_for_30_days(
    client, kanwil, facility, other_facility
):
    cohort = CohortFactory(programme=ProgrammeFactory(facility=facility))
    SessionFactory(cohort=cohort, starts_at=timezone.now())
    client.force_login(kanwil)
    page = client.get(URL).content.decode()
    listed = page[page.index('data-testid="inactive-list"') :]
    assert "Rutan Kelas IIA Samarinda" in listed
    assert "Rutan Kelas IIA Balikpapan" not in listed


def test_it_colours_the_provinces_and_tables_them_beside(client, pusat, facility, jakarta):
    client.force_login(pusat)
    page = client.get(URL, {"peta": "facilities"}).content.decode()
    tile_map = page[page.index('data-testid="tile-map"') : page.index('data-testid="region-table"')]
    assert tile_map.count("<rect") == 38
    assert "KALTIM" in tile_map and "map-none" in tile_map
    assert "Kalimantan Timur: 1" in tile_map


def test_a_bad_period_says_so_and_shows_this_month(client, kanwil, facility):
    client.force_login(kanwil)
    page = client.get(URL, {"periode": "bulan lalu"}).content.decode()
    assert "Periode tidak dikenali" in page


def test_its_query_count_does_not_grow_with_facilities(
    client, pusat, region, django_assert_max_num_queries
):
    client.force_login(pusat)
    for _n in range(2):
        build_month(FacilityFactory(region=region), participants=3, sessions=2)
    with django_assert_max_num_queries(30) as few:
        client.get(URL, {"periode": "2025-11"})
    for _n in range(6):
        build_month(FacilityFactory(region=region), participants=3, sessions=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, {"periode": "2025-11"})
    assert response.content.decode().count('data-testid="row-') == 8


def test_the_trend_covers_twelve_months(facility, other_facility):
    build_known_month(facility, other_facility)
    board = oversight_board(facilities=Facility.objects.all(), period=period_parse("2025-11"))
    assert len(board.trend) == 12
    assert board.trend[-1].month == dt.date(2025, 11, 1) and board.trend[-1].held == 3


@pytest.mark.parametrize("value,start,end", [
    ("2025-11", dt.date(2025, 11, 1), dt.date(2025, 11, 30)),
    ("2025-Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
    ("2024-q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
])  # fmt: skip
def test_it_reads_a_month_a_quarter_or_a_year(value, start, end):
    period = period_parse(value)
    assert (period.start, period.end) == (start, end)
    assert period_parse(period.slug) == period


@pytest.mark.parametrize("value", ["", "2025-13", "2025-Q5", "1999", "nov", "2025-11-01"])
def test_it_refuses_what_names_no_period(value):
    assert period_parse(value) is None


def test_the_home_page_leads_oversight_to_its_dashboard(client, kanwil):
    client.force_login(kanwil)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-oversight"' in page and reverse("rehab:oversight") in page
