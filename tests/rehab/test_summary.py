"""The summary the regional and national pages read: equal to a recount from the rows, refreshed
by a command and by celery beat, its freshness shown on the page."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from rehab.models import FacilityActivity
from rehab.models import SummaryMonth
from rehab.reports import summary
from rehab.reports.figures import monthly_report
from rehab.reports.oversight import oversight_board
from rehab.reports.periods import period_parse
from rehab.reports.recap import recap_figures
from rehab.reports.summary import summaries_refresh
from rehab.reports.summary import summary_months
from rehab.tasks import summaries_refresh_run
from rutan.dates import months_between
from rutan.models import Facility
from sessions.models import Session
from tests.factories import FacilityFactory
from tests.factories import SessionFactory
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_known_month
from tests.rehab.test_report_property import build
from tests.rehab.test_report_property import months
from tests.rehab.test_report_property import recount

pytestmark = pytest.mark.django_db
PP25_KEYS = [
    "PP25 Jenis kelamin",
    "PP25 Umur",
    "PP25 Zat",
    "PP25 Lama pakai",
    "PP25 Cara pakai",
    "PP25 Diagnosis",
    "PP25 Riwayat terapi",
]


def _figures(board) -> dict:
    return {
        row.facility.code: (
            row.active,
            row.held,
            row.cancelled,
            row.attended,
            row.recorded,
            row.last_activity,
            row.evaluations_waiting,
        )
        for row in board.rows
    }


def _trend(board) -> list:
    return [(m.month, m.held, m.attended, m.recorded) for m in board.trend]


def _tables(recap) -> dict[str, dict]:
    return {t.key: {row[0]: row[1] for row in t.rows} for t in recap.pp25.tables()}


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(places=st.lists(months(), min_size=1, max_size=3))
def test_the_summary_equals_a_recount_from_the_rows(region, places):
    period = period_parse("2025-11")
    with transaction.atomic():
        facilities = [FacilityFactory(region=region) for _place in places]
        for facility, (persons, sessions) in zip(facilities, places, strict=True):
            build(facility, persons, sessions)
        chosen = Facility.objects.filter(pk__in=[f.pk for f in facilities])
        counted = oversight_board(facilities=chosen, period=period)
        counted_recap = recap_figures(facilities=chosen, region=region, period=period)
        # The twelve months of the trend, so that it too is read from the summary.
        summaries_refresh(months=list(months_between(dt.date(2024, 12, 1), NOVEMBER)))
        kept = oversight_board(facilities=chosen, period=period)
        kept_recap = recap_figures(facilities=chosen, region=region, period=period)
        transaction.set_rollback(True)

    assert counted.refreshed_at is None and kept.refreshed_at is not None
    assert kept_recap.refreshed_at is not None
    assert _figures(kept) == _figures(counted) and _trend(kept) == _trend(counted)
    assert _tables(kept_recap) == _tables(counted_recap)
    summed: dict[str, Counter] = {key: Counter() for key in PP25_KEYS}
    rows = {row.facility.pk: row for row in kept.rows}
    for facility, (persons, sessions) in zip(facilities, places, strict=True):
        expected = recount(persons, sessions)
        summary = expected["Ringkasan"]
        row = rows[facility.pk]
        assert (row.active, row.held, row.cancelled) == (
            summary["Peserta aktif pada akhir bulan"],
            summary["Sesi terlaksana"],
            summary["Sesi dibatalkan"],
        )
        assert row.attendance_rate == expected["rate"]
        for key in PP25_KEYS:
            summed[key].update(expected[key])
    found = _tables(kept_recap)
    for key in PP25_KEYS:
        assert +Counter(found[key]) == +summed[key], key
    assert kept_recap.pp25.handled == sum(n for _c, _n, n in kept_recap.per_facility)


def test_a_kept_regions_recap_is_still_the_sum_of_its_facilities_reports(
    facility, other_facility, region
):
    build_known_month(facility, other_facility)
    call_command("refresh_summaries", month="2025-11", stdout=StringIO())
    recap = recap_figures(
        facilities=Facility.objects.filter(region=region),
        region=region,
        period=period_parse("2025-11"),
    )
    assert recap.refreshed_at is not None
    summed: dict[str, Counter] = {}
    for one in (facility, other_facility):
        for table in monthly_report(facility=one, month=NOVEMBER).pp25.tables():
            summed.setdefault(table.key, Counter()).update({r[0]: r[1] for r in table.rows})
    for table in recap.pp25.tables():
        assert +Counter({r[0]: r[1] for r in table.rows}) == +summed[table.key], table.key


def test_the_kept_board_of_a_known_month_is_the_counted_one(facility, other_facility):
    build_known_month(facility, other_facility)
    period = period_parse("2025-11")
    counted = oversight_board(facilities=Facility.objects.all(), period=period)
    summaries_refresh(months=list(months_between(dt.date(2024, 12, 1), NOVEMBER)))
    kept = oversight_board(facilities=Facility.objects.all(), period=period)
    assert kept.refreshed_at is not None
    assert _figures(kept) == _figures(counted) and _trend(kept) == _trend(counted)
    assert sum(row.evaluations_waiting for row in kept.rows) > 0


def test_a_period_still_running_reads_its_begun_months_kept_and_counts_the_rest(
    facility, other_facility, monkeypatch
):
    """A year (or quarter) that reaches past this month: its months that have begun come from
    the summary, the months to come are counted now (a session cancelled ahead of time), and
    the board equals the one counted from the rows."""
    build_known_month(facility, other_facility)
    monkeypatch.setattr(summary, "_latest_today", lambda: dt.date(2025, 11, 20))
    cohort = Session.objects.filter(cohort__programme__facility=facility).first().cohort
    SessionFactory(
        cohort=cohort,
        starts_at=dt.datetime(2025, 12, 10, 1, 0, tzinfo=dt.UTC),
        status=Session.Status.CANCELLED,
        cancel_reason="Fasilitator berhalangan",
    )
    for name in ("2025", "2025-Q4"):
        period = period_parse(name)
        counted = oversight_board(facilities=Facility.objects.all(), period=period)
        assert counted.refreshed_at is None
        summaries_refresh(months=list(months_between(dt.date(2024, 12, 1), NOVEMBER)))
        kept = oversight_board(facilities=Facility.objects.all(), period=period)
        assert kept.refreshed_at is not None
        assert _trend(kept) == _trend(counted)
        assert kept.total.cancelled == counted.total.cancelled > 0
        # Active at the end of a period still running: at the end of this month, as kept.
        this_month = oversight_board(
            facilities=Facility.objects.all(), period=period_parse("2025-11")
        )
        assert _figures(kept) == {
            code: (active, *rest[1:])
            for (code, rest), active in zip(
                _figures(counted).items(),
                [row[0] for row in _figures(this_month).values()],
                strict=True,
            )
        }
        SummaryMonth.objects.all().delete()
        FacilityActivity.objects.all().delete()


def test_the_pages_say_when_the_figures_were_computed(client, kanwil, facility, other_facility):
    build_known_month(facility, other_facility)
    client.force_login(kanwil)
    page = client.get("/program/wilayah/", {"periode": "2025-11"}).content.decode()
    assert "Dihitung langsung dari catatan" in page
    call_command("refresh_summaries", month="2025-11", stdout=StringIO())
    SummaryMonth.objects.update(refreshed_at=dt.datetime(2026, 11, 29, 1, 5, tzinfo=dt.UTC))
    FacilityActivity.objects.update(refreshed_at=dt.datetime(2026, 11, 29, 1, 7, tzinfo=dt.UTC))
    for url in ("/program/wilayah/?periode=2025-11", "/program/wilayah/rekap/64/2025-11/"):
        page = client.get(url).content.decode()
        # 01:05 UTC is 09:05 in Kalimantan Timur (WITA).
        assert "Diperbarui 09:05 (29 Nov 2026)" in page, url
    # A month not kept is counted on the spot, and says so.
    page = client.get("/program/wilayah/rekap/64/2025-10/").content.decode()
    assert "Dihitung langsung dari catatan" in page


def test_a_late_correction_shows_after_the_next_refresh(facility, other_facility):
    build_known_month(facility, other_facility)
    summaries_refresh(months=[NOVEMBER])
    period = period_parse("2025-11")
    before = oversight_board(facilities=Facility.objects.all(), period=period)
    Session.objects.filter(cohort__programme__facility=facility, status="held").update(
        status="cancelled", cancel_reason="Rutan siaga"
    )
    stale = oversight_board(facilities=Facility.objects.all(), period=period)
    assert _figures(stale) == _figures(before)  # the page reads the summary, not the rows
    summaries_refresh(months=[NOVEMBER])
    fresh = oversight_board(facilities=Facility.objects.all(), period=period)
    assert {r.facility.code: r.held for r in fresh.rows}["rutan-balikpapan"] == 0


def test_the_page_keeps_a_board_drawn_from_the_summary_until_the_next_refresh(
    client, kanwil, facility, other_facility
):
    build_known_month(facility, other_facility)
    client.force_login(kanwil)
    url = "/program/wilayah/?periode=2025-11"

    def held(page: str) -> str:
        row = page.split('data-testid="row-rutan-balikpapan"', 1)[1].split("</tr>", 1)[0]
        return row.split('<td class="text-end">')[2].split("<", 1)[0]

    def cancel_held_sessions() -> None:
        Session.objects.filter(cohort__programme__facility=facility, status="held").update(
            status="cancelled", cancel_reason="Rutan siaga"
        )

    # Counted live: never kept, a change shows at once.
    live = held(client.get(url).content.decode())
    assert int(live) > 0
    summaries_refresh(months=[NOVEMBER])
    with CaptureQueriesContext(connection) as first:
        kept = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        board = client.get(url).content.decode().split('id="rows-title"', 1)[1]
    assert board == kept.split('id="rows-title"', 1)[1]
    assert len(again) < len(first)  # the rendered board came from the cache
    assert held(kept) == live
    cancel_held_sessions()
    assert held(client.get(url).content.decode()) == live  # the summary's figure, as before
    summaries_refresh(months=[NOVEMBER])
    assert held(client.get(url).content.decode()) == "0"  # the refresh shows on the page
    # Kept per language: an English reader gets the English board, not the kept Indonesian one.
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "By UPT" in english and "Per UPT" not in english and held(english) == "0"


def test_the_command_refuses_what_is_not_a_month():
    with pytest.raises(CommandError, match="2025-11"):
        call_command("refresh_summaries", month="2025-Q4", stdout=StringIO())


def test_celery_beat_runs_it_often_and_every_month_each_night(facility):
    tasks = {
        entry["task"]: entry.get("kwargs", {})
        for entry in django_settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert "rehab.tasks.summaries_refresh" in tasks
    nightly = [
        e
        for e in django_settings.CELERY_BEAT_SCHEDULE.values()
        if e.get("kwargs") == {"everything": True}
    ]
    assert nightly and nightly[0]["task"] == "rehab.tasks.summaries_refresh"
    done = summaries_refresh_run.apply(kwargs={"everything": False}).get()
    assert done["months"] == 2 and SummaryMonth.objects.count() == 2
    assert len(summary_months(everything=False)) == 2
