"""The oversight pages' figures per facility: counted from the records, or read from the summary.

`manage.py refresh_summaries` (celery beat: the current and previous month every 10 minutes,
every month each night) counts each facility's months with the functions below and keeps the
result (rehab.models.summaries). The regional/national dashboard and recap read a period from
the summary when every month of it was kept, and count it here otherwise: the same functions
either way, so the same figures. Definitions are the monthly report's (rehab.reports.activity).
"""

import datetime as dt
from dataclasses import dataclass
from dataclasses import fields
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count
from django.db.models import F
from django.db.models import Max
from django.db.models import Min
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from participants.home import national_counts_refresh
from participants.models import Enrollment
from participants.models import Participant
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import FacilityActivity
from rehab.models import FacilityMonth
from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rehab.models import SummaryMonth
from rehab.reports.activity import ATTENDED_STATUSES
from rehab.reports.activity import handled_enrollments
from rehab.reports.activity import local_bounds
from rehab.reports.periods import Period
from rehab.reports.periods import period_month
from rehab.reports.pp25 import Counts
from rehab.reports.pp25 import pp25_counts
from rutan.aggregates import aggregate_together
from rutan.dates import month_end
from rutan.dates import months_between
from rutan.dates import previous_month
from rutan.models import INDONESIAN_ZONES
from rutan.models import Facility
from sessions.models import Attendance
from sessions.models import Session

FACILITY = "cohort__programme__facility_id"


@dataclass
class SessionFigures:
    """Sessions held and cancelled, and attendance recorded at the held ones."""

    held: int = 0
    cancelled: int = 0
    attended: int = 0
    recorded: int = 0

    def add(self, other: "SessionFigures") -> None:
        for name in ("held", "cancelled", "attended", "recorded"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def sessions_by_month(
    ids: list[int], first: dt.date, last: dt.date
) -> dict[tuple[int, dt.date], SessionFigures]:
    """(facility, local month) → figures, for the months from `first` to `last`; a query a zone,
    so a session counts in the month its facility lived it, sent together (UNION ALL)."""
    held = Q(status=Session.Status.HELD)
    per_zone = []
    for zone, _label in INDONESIAN_ZONES:
        since, until = local_bounds(first.replace(day=1), month_end(last), zone)
        per_zone.append(
            Session.objects.filter(
                cohort__programme__facility_id__in=ids,
                cohort__programme__facility__timezone=zone,
                starts_at__gte=since,
                starts_at__lt=until,
            )
            .annotate(month=TruncMonth("starts_at", tzinfo=ZoneInfo(zone)))
            .values("month", fid=F(FACILITY))
            .annotate(
                held=Count("id", filter=held, distinct=True),
                cancelled=Count("id", filter=Q(status=Session.Status.CANCELLED), distinct=True),
                recorded=Count("attendances", filter=held),
                attended=Count(
                    "attendances", filter=held & Q(attendances__status__in=ATTENDED_STATUSES)
                ),
            )
            .order_by()
        )
    result = {}
    for row in per_zone[0].union(*per_zone[1:], all=True):
        # A zone's months never meet another zone's: each facility keeps one zone.
        key = (row.pop("fid"), row.pop("month").date())
        result[key] = SessionFigures(**row)
    return result


def active_on(ids: list[int], day: dt.date) -> dict[int, int]:
    """Participants active on `day` per facility (`Enrollment.objects.active_on`)."""
    running = Enrollment.objects.filter(cohort__programme__facility_id__in=ids).active_on(day)
    return dict(
        running.values_list(FACILITY).annotate(n=Count("participant", distinct=True)).order_by()
    )


def pp25_by_facility(ids: list[int], period: Period) -> dict[int, Counts]:
    """The PP 25/2011 counts of each facility's people handled in `period`."""
    handled = handled_enrollments(
        Cohort.objects.filter(programme__facility_id__in=ids), period.start, period.end
    )
    return pp25_counts(handled, period.end, by=FACILITY)


def by_facility(queryset: QuerySet, path: str, **aggregates) -> dict[int, dict]:
    """One aggregate query grouped by the facility reached through `path`: {facility id: row}."""
    return {
        row.pop("fid"): row
        for row in queryset.values(fid=F(path)).annotate(**aggregates).order_by()
    }


@dataclass
class FacilityState:
    """What a facility has recorded lately and what waits for its kepala, as of now."""

    last_activity: dt.datetime | None = None
    evaluations_waiting: int = 0


def _latest_change(ids: list[int]) -> dict[int, dt.datetime]:
    """Per facility: the latest change to a session, an attendance row or a participant."""
    changed = [
        (Session.objects.filter(cohort__programme__facility_id__in=ids), FACILITY),
        (
            Attendance.objects.filter(session__cohort__programme__facility_id__in=ids),
            f"session__{FACILITY}",
        ),
        (Participant.objects.filter(facility_id__in=ids), "facility_id"),
    ]
    parts = [
        rows.values(fid=F(path)).annotate(at=Max("updated_at")).order_by() for rows, path in changed
    ]
    latest: dict[int, dt.datetime] = {}
    for row in parts[0].union(*parts[1:], all=True):
        seen = latest.get(row["fid"])
        latest[row["fid"]] = row["at"] if seen is None else max(seen, row["at"])
    return latest


def _waiting_reviews(ids: list[int]) -> dict[int, int]:
    """Per facility: participant and programme evaluations submitted, not yet reviewed."""
    waiting = [
        (Evaluation.objects.filter(enrollment__cohort__programme__facility_id__in=ids),
         f"enrollment__{FACILITY}"),
        (ProgrammeEvaluation.objects.filter(agreement__facility_id__in=ids),
         "agreement__facility_id"),
    ]  # fmt: skip
    parts = [
        rows.filter(status=ReviewStatus.SUBMITTED).values(fid=F(path)).annotate(n=Count("id"))
        .order_by()
        for rows, path in waiting
    ]  # fmt: skip
    counts: dict[int, int] = {}
    for row in parts[0].union(*parts[1:], all=True):
        counts[row["fid"]] = counts.get(row["fid"], 0) + row["n"]
    return counts


def state_counted(ids: list[int]) -> dict[int, FacilityState]:
    """Per facility: the latest change to a session, an attendance row or a participant, and
    the participant and programme evaluations submitted and not yet reviewed (two queries,
    each a UNION ALL of its per-table counts)."""
    latest = _latest_change(ids)
    waiting = _waiting_reviews(ids)
    return {fid: FacilityState(latest.get(fid), waiting.get(fid, 0)) for fid in ids}


# Reading: the summary when it holds the period, else counted now.


def _latest_today() -> dt.date:
    """Today in Papua, the latest date in the country: the summary job keeps every month that
    has begun somewhere."""
    return timezone.localtime(timezone.now(), ZoneInfo("Asia/Jayapura")).date()


def _begun(months: list[dt.date]) -> list[dt.date]:
    """The months of `months` that have begun. Later ones are never kept (nothing can have been
    held in them yet); a period or trend that reaches into them is read from the summary for
    the months that have begun and counted now for the rest, which is cheap."""
    this_month = _latest_today().replace(day=1)
    return [month for month in months if month <= this_month]


def _kept(months: list[dt.date]) -> dt.datetime | None:
    """When the oldest of `months` was computed, if every one of them was; else None."""
    kept = SummaryMonth.objects.filter(month__in=months).aggregate(
        n=Count("id"), oldest=Min("refreshed_at")
    )
    return kept["oldest"] if kept["n"] == len(months) else None


@dataclass(frozen=True)
class Kept:
    """What the summary job kept for a board, read in one query (`kept_for`)."""

    period: dt.datetime | None  # when the period's months were computed, if all were
    trend: dt.datetime | None  # the same for the trend's months
    state: dt.datetime | None  # when the facilities' state was computed (None: never)
    stamp: str  # changes whenever the job writes; empty when nothing was ever summarised


def kept_for(period: Period, trend_months: list[dt.date]) -> Kept:
    """`_kept` of the period's months and of the trend's, when the state was computed and
    the summary's stamp (part of the key of what is kept from it), in one query."""

    def months_part(name: str, months: list[dt.date]) -> tuple:
        counts = {f"{name}_n": Count("id"), f"{name}_oldest": Min("refreshed_at")}
        return SummaryMonth.objects.filter(month__in=months), counts

    period_begun, trend_begun = _begun(period.months()), _begun(trend_months)
    row = aggregate_together(
        months_part("period", period_begun),
        months_part("trend", trend_begun),
        (SummaryMonth.objects.all(), {"months_latest": Max("refreshed_at")}),
        (
            FacilityActivity.objects.all(),
            {"state": Min("refreshed_at"), "state_latest": Max("refreshed_at")},
        ),
    )
    stamp = ""
    if row["months_latest"] is not None and row["state_latest"] is not None:
        stamp = f"{row['months_latest'].timestamp()}-{row['state_latest'].timestamp()}"
    return Kept(
        period=row["period_oldest"] if row["period_n"] == len(period_begun) else None,
        trend=row["trend_oldest"] if row["trend_n"] == len(trend_begun) else None,
        state=row["state"],
        stamp=stamp,
    )


def _kept_rows(ids: list[int], months: list[dt.date]):
    return FacilityMonth.objects.filter(summary__month__in=months, facility_id__in=ids)


def period_sessions(
    ids: list[int], period: Period, refreshed_at: dt.datetime | None
) -> tuple[dict[int, SessionFigures], dict[int, int], dt.datetime | None]:
    """Per facility: session figures of `period`, people active at its end, and when computed
    (None: just now). `refreshed_at`: `kept_for(…).period`, read by the caller."""
    months = period.months()
    totals: dict[int, SessionFigures] = {}
    if refreshed_at is None:
        for (fid, _month), figures in sessions_by_month(ids, period.start, period.end).items():
            totals.setdefault(fid, SessionFigures()).add(figures)
        return totals, active_on(ids, period.end), None
    begun = _begun(months)
    names = [f.name for f in fields(SessionFigures)]
    for row in _kept_rows(ids, begun).values("facility_id", *names):
        totals.setdefault(row.pop("facility_id"), SessionFigures()).add(SessionFigures(**row))
    if len(begun) < len(months):
        for (fid, _month), figures in sessions_by_month(
            ids, months[len(begun)], period.end
        ).items():
            totals.setdefault(fid, SessionFigures()).add(figures)
    # Active at the end of a period still running: as kept for this month.
    active = dict(
        _kept_rows(ids, [begun[-1]]).filter(active__gt=0).values_list("facility_id", "active")
    )
    return totals, active, refreshed_at


def trend_sessions(
    ids: list[int], months: list[dt.date], refreshed_at: dt.datetime | None
) -> tuple[dict[dt.date, SessionFigures], dt.datetime | None]:
    """Session figures of all `ids` together per month, and when computed (None: just now).
    `refreshed_at`: `kept_for(…).trend`, read by the caller."""
    per_month: dict[dt.date, SessionFigures] = {month: SessionFigures() for month in months}
    if refreshed_at is None:
        for (_fid, month), figures in sessions_by_month(ids, months[0], months[-1]).items():
            per_month[month].add(figures)
        return per_month, None
    begun = _begun(months)
    names = [f.name for f in fields(SessionFigures)]
    rows = _kept_rows(ids, begun).values(month=F("summary__month"))
    for row in rows.annotate(**{name: Sum(name) for name in names}).order_by():
        month = row.pop("month")
        per_month[month] = SessionFigures(**row)
    if len(begun) < len(months):
        for (_fid, month), figures in sessions_by_month(
            ids, months[len(begun)], months[-1]
        ).items():
            per_month[month].add(figures)
    return per_month, refreshed_at


def facility_pp25_counts(
    ids: list[int], period: Period
) -> tuple[dict[int, Counts], dt.datetime | None]:
    """Per facility: PP 25/2011 counts of `period`, and when computed (None: just now).

    Only a month is kept: a person handled in two months of a quarter counts once in it.
    """
    refreshed_at = _kept(period.months()) if period.kind == "month" else None
    if refreshed_at is None:
        return pp25_by_facility(ids, period), None
    rows = _kept_rows(ids, [period.start]).exclude(pp25={}).values_list("facility_id", "pp25")
    return dict(rows), refreshed_at


def facility_state(
    ids: list[int], kept: dt.datetime | None
) -> tuple[dict[int, FacilityState], dt.datetime | None]:
    """Per facility: its state (see FacilityState), and when it was computed (None: now).
    `kept`: when the summary job last computed it (`kept_for(…).state`), read by the caller."""
    if kept is None:
        return state_counted(ids), None
    rows = FacilityActivity.objects.filter(facility_id__in=ids).values_list(
        "facility_id", "last_activity", "evaluations_waiting"
    )
    return {fid: FacilityState(at, waiting) for fid, at, waiting in rows}, kept


# Writing: the job.


def summary_months(*, everything: bool = False) -> list[dt.date]:
    """The months to recompute: this and last month (Papua's date: the latest in the country),
    or every month since the first cohort began."""
    today = _latest_today()
    last_month = previous_month(today)
    first = last_month
    if everything:
        started = Cohort.objects.aggregate(first=Min("start_date"))["first"]
        first = min(started.replace(day=1), last_month) if started else last_month
    return list(months_between(first, today))


def summary_month_refresh(month: dt.date, ids: list[int]) -> int:
    """Recount one month of every facility in `ids` and keep it; returns the rows kept."""
    started = timezone.now()
    period = period_month(month)
    sessions = sessions_by_month(ids, month, month)
    active = active_on(ids, period.end)
    pp25 = pp25_by_facility(ids, period)
    rows = []
    for fid in ids:
        figures = sessions.get((fid, month), SessionFigures())
        if figures.held or figures.cancelled or active.get(fid) or fid in pp25:
            rows.append(
                FacilityMonth(
                    facility_id=fid, active=active.get(fid, 0), pp25=pp25.get(fid, {}),
                    **{f.name: getattr(figures, f.name) for f in fields(SessionFigures)},
                )
            )  # fmt: skip
    with transaction.atomic():
        summary, _created = SummaryMonth.objects.update_or_create(
            month=month, defaults={"refreshed_at": started}
        )
        FacilityMonth.objects.filter(summary=summary).delete()
        for row in rows:
            row.summary = summary
        FacilityMonth.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def state_refresh(ids: list[int]) -> None:
    """Recount each facility's state (last activity, evaluations waiting)."""
    started = timezone.now()
    state = state_counted(ids)
    with transaction.atomic():
        FacilityActivity.objects.all().delete()
        FacilityActivity.objects.bulk_create(
            FacilityActivity(
                facility_id=fid,
                last_activity=state[fid].last_activity,
                evaluations_waiting=state[fid].evaluations_waiting,
                refreshed_at=started,
            )
            for fid in ids
        )


def summaries_refresh(*, months: list[dt.date]) -> dict[str, int]:
    """Recount `months`, the state of every facility and the whole register's counts."""
    ids = list(Facility.objects.values_list("pk", flat=True))
    rows = sum(summary_month_refresh(month, ids) for month in months)
    state_refresh(ids)
    national_counts_refresh()
    return {"months": len(months), "rows": rows, "facilities": len(ids)}
