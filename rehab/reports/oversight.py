"""The regional (Kanwil) and national (Ditjenpas) dashboard: one row per facility, in the database.

A fixed number of aggregate queries, each grouped by facility, whatever the number of facilities:
the rows are put together in Python from those few result sets. Definitions are the monthly
report's (rehab.reports.activity): active = `Enrollment.objects.active_on(period end)`; sessions
and attendance by the facility's local dates.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from participants.models import Enrollment, Participant
from rehab.models import Agreement, Cohort, Evaluation, ProgrammeEvaluation, ReviewStatus
from rehab.reports.activity import ATTENDED_STATUSES, local_bounds, percent
from rehab.reports.periods import Period
from rutan.models import INDONESIAN_ZONES, Facility, Region
from sessions.models import Attendance, Session

INACTIVE_DAYS = 30
TREND_MONTHS = 12


@dataclass
class FacilityRow:
    facility: Facility
    active: int = 0
    held: int = 0
    cancelled: int = 0
    attended: int = 0
    recorded: int = 0
    evaluations_waiting: int = 0
    agreements_expiring: int = 0
    last_activity: dt.datetime | None = None

    @property
    def attendance_rate(self) -> Decimal | None:
        return percent(self.attended, self.recorded)

    def is_inactive(self, now: dt.datetime) -> bool:
        """Nothing recorded for INACTIVE_DAYS days (or ever)."""
        return self.last_activity is None or now - self.last_activity > dt.timedelta(
            days=INACTIVE_DAYS
        )


@dataclass
class RegionRow:
    region: Region
    facilities: int = 0
    active: int = 0
    held: int = 0
    attended: int = 0
    recorded: int = 0
    inactive: int = 0

    @property
    def attendance_rate(self) -> Decimal | None:
        return percent(self.attended, self.recorded)


@dataclass
class TrendMonth:
    month: dt.date
    held: int
    attended: int
    recorded: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.attended, self.recorded)


@dataclass
class OversightBoard:
    period: Period
    rows: list[FacilityRow]
    total: FacilityRow
    regions: list[RegionRow]
    trend: list[TrendMonth]
    inactive: list[FacilityRow] = field(default_factory=list)


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


def _in_local_period(prefix: str, period: Period) -> Q:
    """`prefix`starts_at within the period in the session's facility's own zone (3 zones)."""
    q = Q()
    for zone, _label in INDONESIAN_ZONES:
        since, until = local_bounds(period.start, period.end, zone)
        q |= Q(
            **{
                f"{prefix}cohort__programme__facility__timezone": zone,
                f"{prefix}starts_at__gte": since,
                f"{prefix}starts_at__lt": until,
            }
        )
    return q


def _by_facility(queryset: QuerySet, path: str, **aggregates) -> dict[int, dict]:
    """One aggregate query grouped by the facility reached through `path`: {facility id: row}."""
    return {
        row.pop("fid"): row
        for row in queryset.values(fid=F(path)).annotate(**aggregates).order_by()
    }


def oversight_board(
    *, facilities: QuerySet[Facility], period: Period, sort: str = "name", descending=False
) -> OversightBoard:
    """The figures of every facility in `facilities` for `period`, with totals and trend."""
    facility_list = list(facilities.select_related("region").order_by("name"))
    ids = [f.pk for f in facility_list]
    cohorts = Cohort.objects.filter(programme__facility_id__in=ids)
    facility_path = "cohort__programme__facility_id"

    # Active at the period's end: the one definition every screen uses.
    running = Enrollment.objects.filter(cohort__in=cohorts).active_on(period.end)
    active = _by_facility(running, facility_path, n=Count("participant", distinct=True))
    # Sessions and their attendance in one pass: distinct sessions, every attendance row.
    held, cancelled = Q(status=Session.Status.HELD), Q(status=Session.Status.CANCELLED)
    sessions = _by_facility(
        Session.objects.filter(cohort__in=cohorts).filter(_in_local_period("", period)),
        facility_path,
        held=Count("id", filter=held, distinct=True),
        cancelled=Count("id", filter=cancelled, distinct=True),
        recorded=Count("attendances", filter=held),
        attended=Count("attendances", filter=held & Q(attendances__status__in=ATTENDED_STATUSES)),
    )
    waiting = _by_facility(
        Evaluation.objects.filter(enrollment__cohort__in=cohorts, status=ReviewStatus.SUBMITTED),
        f"enrollment__{facility_path}",
        n=Count("id"),
    )
    programme_waiting = _by_facility(
        ProgrammeEvaluation.objects.filter(
            agreement__facility_id__in=ids, status=ReviewStatus.SUBMITTED
        ),
        "agreement__facility_id",
        n=Count("id"),
    )
    today = timezone.localdate()
    expiring = _by_facility(
        Agreement.objects.filter(facility_id__in=ids).by_status(
            Agreement.Status.EXPIRING, day=min(period.end, today)
        ),
        "facility_id",
        n=Count("id"),
    )
    # Last activity: the latest change to a session, an attendance row or a participant.
    last_seen = [
        _by_facility(
            Session.objects.filter(cohort__in=cohorts), facility_path, at=Max("updated_at")
        ),
        _by_facility(
            Attendance.objects.filter(session__cohort__in=cohorts),
            f"session__{facility_path}",
            at=Max("updated_at"),
        ),
        _by_facility(
            Participant.objects.filter(facility_id__in=ids), "facility_id", at=Max("updated_at")
        ),
    ]

    rows = []
    for facility in facility_list:
        pk = facility.pk
        stamps = [seen[pk]["at"] for seen in last_seen if pk in seen]
        rows.append(
            FacilityRow(
                facility=facility,
                active=active.get(pk, {}).get("n", 0),
                held=sessions.get(pk, {}).get("held", 0),
                cancelled=sessions.get(pk, {}).get("cancelled", 0),
                attended=sessions.get(pk, {}).get("attended", 0),
                recorded=sessions.get(pk, {}).get("recorded", 0),
                evaluations_waiting=waiting.get(pk, {}).get("n", 0)
                + programme_waiting.get(pk, {}).get("n", 0),
                agreements_expiring=expiring.get(pk, {}).get("n", 0),
                last_activity=max(stamps) if stamps else None,
            )
        )
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["name"]), reverse=descending)

    now = timezone.now()
    total = FacilityRow(facility=None)
    regions: dict[int, RegionRow] = {}
    for row in rows:
        for name in ("active", "held", "cancelled", "attended", "recorded"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.evaluations_waiting += row.evaluations_waiting
        total.agreements_expiring += row.agreements_expiring
        if row.last_activity and (
            total.last_activity is None or row.last_activity > total.last_activity
        ):
            total.last_activity = row.last_activity
        region = row.facility.region
        if region is not None:
            summary = regions.setdefault(region.pk, RegionRow(region=region))
            summary.facilities += 1
            summary.active += row.active
            summary.held += row.held
            summary.attended += row.attended
            summary.recorded += row.recorded
            summary.inactive += row.is_inactive(now)

    return OversightBoard(
        period=period,
        rows=rows,
        total=total,
        regions=sorted(regions.values(), key=lambda r: r.region.code),
        trend=_trend(cohorts, period),
        inactive=sorted(
            (row for row in rows if row.is_inactive(now)),
            key=lambda r: (r.last_activity is not None, r.last_activity or now, r.facility.name),
        ),
    )


def _trend(cohorts: QuerySet[Cohort], period: Period) -> list[TrendMonth]:
    """Sessions held and attendance per local month, the 12 months up to the period's end.

    One query per time zone (three zones), each truncating to months in that zone, so a
    session is counted in the month its facility lived it.
    """
    first = period.end.replace(day=1)
    for _i in range(TREND_MONTHS - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    held: dict[dt.date, int] = {}
    present: dict[dt.date, list[int]] = {}
    for zone_name, _label in INDONESIAN_ZONES:
        since, until = local_bounds(first, period.end, zone_name)
        rows = (
            Session.objects.filter(
                cohort__in=cohorts,
                cohort__programme__facility__timezone=zone_name,
                status=Session.Status.HELD,
                starts_at__gte=since,
                starts_at__lt=until,
            )
            .annotate(month=TruncMonth("starts_at", tzinfo=ZoneInfo(zone_name)))
            .values("month")
            .annotate(
                n=Count("id", distinct=True),
                recorded=Count("attendances"),
                attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED_STATUSES)),
            )
            .order_by()
        )
        for row in rows:
            month = row["month"].date()
            held[month] = held.get(month, 0) + row["n"]
            sums = present.setdefault(month, [0, 0])
            sums[0] += row["attended"]
            sums[1] += row["recorded"]
    months, month = [], first
    while month <= period.end:
        attended, recorded = present.get(month, [0, 0])
        months.append(TrendMonth(month, held.get(month, 0), attended, recorded))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months
