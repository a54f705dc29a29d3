"""The regional (Kanwil) and national (Ditjenpas) dashboard: one row per facility, in the database.

A fixed number of aggregate queries, each grouped by facility, whatever the number of facilities:
the rows are put together in Python from those few result sets. Definitions are the monthly
report's (rehab.reports.activity): active = `Enrollment.objects.active_on(period end)`; sessions
and attendance by the facility's local dates. Sessions, attendance, people active and the last
activity come from the summary job's tables when it kept the period (rehab.reports.summary),
so the national page stays fast; the board says when they were computed.
"""

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from django.db.models import Count
from django.db.models import QuerySet
from django.utils import timezone

from rehab.models import Agreement
from rehab.reports.activity import AttendanceRate
from rehab.reports.periods import Period
from rehab.reports.summary import FacilityState
from rehab.reports.summary import Kept
from rehab.reports.summary import SessionFigures
from rehab.reports.summary import by_facility
from rehab.reports.summary import facility_state
from rehab.reports.summary import kept_for
from rehab.reports.summary import period_sessions
from rehab.reports.summary import trend_sessions
from rutan.dates import add_months
from rutan.dates import months_between
from rutan.models import Facility
from rutan.models import Region

INACTIVE_DAYS = 30
TREND_MONTHS = 12


@dataclass(kw_only=True)
class ActivityCounts(SessionFigures, AttendanceRate):
    """A facility's sessions and attendance, and its people active: what a region's row and the
    total add up."""

    active: int = 0

    def add(self, other: "ActivityCounts") -> None:
        super().add(other)
        self.active += other.active


@dataclass(kw_only=True)
class FacilityRow(ActivityCounts):
    facility: Facility
    evaluations_waiting: int = 0
    agreements_expiring: int = 0
    last_activity: dt.datetime | None = None

    def is_inactive(self, now: dt.datetime) -> bool:
        """Nothing recorded for INACTIVE_DAYS days (or ever)."""
        return self.last_activity is None or now - self.last_activity > dt.timedelta(
            days=INACTIVE_DAYS
        )


@dataclass(kw_only=True)
class RegionRow(ActivityCounts):
    region: Region
    facilities: int = 0
    inactive: int = 0


@dataclass
class TrendMonth(AttendanceRate):
    month: dt.date
    held: int
    attended: int
    recorded: int


@dataclass
class OversightBoard:
    period: Period
    rows: list[FacilityRow]
    total: FacilityRow
    regions: list[RegionRow]
    trend: list[TrendMonth]
    inactive: list[FacilityRow] = field(default_factory=list)
    refreshed_at: dt.datetime | None = None  # when the summary was computed; None: just now


SORT_KEYS = {
    "name": lambda r: r.facility.name,
    "region": lambda r: (r.facility.region.name if r.facility.region else "", r.facility.name),
    "active": lambda r: r.active,
    "held": lambda r: r.held,
    "cancelled": lambda r: r.cancelled,
    "rate": lambda r: r.attendance_rate if r.attendance_rate is not None else Decimal(-1),
    "waiting": lambda r: r.evaluations_waiting,
    "expiring": lambda r: r.agreements_expiring,
    "last": lambda r: r.last_activity or dt.datetime.min.replace(tzinfo=dt.UTC),
}


def _expiring(ids: list[int], period: Period) -> dict[int, int]:
    """Agreements expiring on the period's last day (today at most); a few rows, counted now."""
    agreements = Agreement.objects.filter(facility_id__in=ids).by_status(
        Agreement.Status.EXPIRING, day=min(period.end, timezone.localdate())
    )
    return {
        pk: row["n"] for pk, row in by_facility(agreements, "facility_id", n=Count("id")).items()
    }


def _totals(rows: list[FacilityRow], now: dt.datetime) -> tuple[FacilityRow, list[RegionRow]]:
    """The total row and one row per region."""
    total = FacilityRow(facility=None)
    regions: dict[int, RegionRow] = {}
    for row in rows:
        total.add(row)
        total.evaluations_waiting += row.evaluations_waiting
        total.agreements_expiring += row.agreements_expiring
        if row.last_activity and (
            total.last_activity is None or row.last_activity > total.last_activity
        ):
            total.last_activity = row.last_activity
        region = row.facility.region
        if region is not None:
            summary = regions.setdefault(region.pk, RegionRow(region=region))
            summary.add(row)
            summary.facilities += 1
            summary.inactive += row.is_inactive(now)

    return total, sorted(regions.values(), key=lambda r: r.region.code)


def oversight_board(
    *,
    facilities: QuerySet[Facility],
    period: Period,
    sort: str = "name",
    descending=False,
    kept: Kept | None = None,
) -> OversightBoard:
    """The figures of every facility in `facilities` for `period`, with totals and trend.
    `kept`: `kept_for(period, trend_months(period))` when the caller read it already."""
    facility_list = list(facilities.select_related("region").order_by("name"))
    ids = [f.pk for f in facility_list]
    months = trend_months(period)
    # Sessions, attendance and people active: the summary job's figures when it kept them.
    # Whether it kept them (the period, the trend, the state) is read once, in one query.
    if kept is None:
        kept = kept_for(period, months)
    sessions, active, refreshed_at = period_sessions(ids, period, kept.period)
    expiring = _expiring(ids, period)
    state, state_at = facility_state(ids, kept.state)

    rows = []
    for facility in facility_list:
        pk = facility.pk
        figures = sessions.get(pk, SessionFigures())
        now_state = state.get(pk, FacilityState())
        rows.append(
            FacilityRow(
                facility=facility,
                active=active.get(pk, 0),
                held=figures.held,
                cancelled=figures.cancelled,
                attended=figures.attended,
                recorded=figures.recorded,
                evaluations_waiting=now_state.evaluations_waiting,
                agreements_expiring=expiring.get(pk, 0),
                last_activity=now_state.last_activity,
            )
        )
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["name"]), reverse=descending)

    now = timezone.now()
    total, regions = _totals(rows, now)
    return OversightBoard(
        period=period,
        rows=rows,
        total=total,
        regions=regions,
        refreshed_at=min((at for at in (refreshed_at, state_at) if at), default=None),
        trend=_trend(ids, months, kept.trend),
        inactive=sorted(
            (row for row in rows if row.is_inactive(now)),
            key=lambda r: (r.last_activity is not None, r.last_activity or now, r.facility.name),
        ),
    )


def trend_months(period: Period) -> list[dt.date]:
    """The first days of the 12 months up to the period's end."""
    last = period.end.replace(day=1)
    return list(months_between(add_months(last, 1 - TREND_MONTHS), last))


def _trend(ids: list[int], months: list[dt.date], kept: dt.datetime | None) -> list[TrendMonth]:
    """Sessions held and attendance per local month of `months` (see `trend_months`)."""
    per_month, _refreshed_at = trend_sessions(ids, months, kept)
    return [TrendMonth(m, f.held, f.attended, f.recorded) for m, f in per_month.items()]
