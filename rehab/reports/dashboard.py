"""The kepala's dashboard: the programme's health at one facility on one day, in few queries."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from django.db.models import Count
from django.db.models import Exists
from django.db.models import F
from django.db.models import Func
from django.db.models import IntegerField
from django.db.models import Max
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RiskLevel
from participants.models import Screening
from rehab.models import Agreement
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rehab.reports import outcomes
from rehab.reports.activity import ATTENDED_STATUSES
from rehab.reports.activity import COUNTED_EVALUATION_STATUSES
from rehab.reports.activity import AttendanceRate
from rehab.reports.activity import local_bounds
from rehab.reports.activity import percent
from rehab.reports.tables import CountRow
from rutan.aggregates import aggregate_together
from rutan.aggregates import fetch_together
from rutan.dates import add_months
from rutan.dates import facility_date
from rutan.dates import month_end
from rutan.models import Facility
from rutan.registry import Registry
from sessions.models import Attendance
from sessions.models import Session

WEEKS = 8
OUTCOME_MONTHS = 6

# What an app above rehab adds to the dashboard (aftercare: follow-ups after release): a function
# (facility, on) -> figures by name, in the app's dashboard_parts.py (found by RehabConfig.ready),
# so that rehab imports none of the apps above it.
dashboard_part: Registry[Callable[[Facility, dt.date], dict]] = Registry()


@dataclass(frozen=True)
class WeekRate(AttendanceRate):
    week_start: dt.date
    attended: int
    recorded: int


@dataclass(frozen=True)
class MonthOutcome:
    month: dt.date
    completions: int
    dropouts: int


@dataclass(frozen=True)
class ExpiringAgreement:
    agreement: Agreement
    days_left: int
    status_label: str


@dataclass
class Dashboard:
    facility: Facility
    on: dt.date
    active_participants: int
    weeks: list[WeekRate]
    outcomes: list[MonthOutcome]
    risk_levels: list[CountRow]
    recommendations: list[CountRow]
    expiring_agreements: list[ExpiringAgreement]
    integrations: list[IntegrationProgramme]
    integrations_by_kind: list[CountRow]
    evaluations_waiting: int
    programme_evaluations_waiting: int
    completion: outcomes.Completion
    last_held_session: dt.date | None
    assist: list[outcomes.AssistChange]
    # Figures of the apps above rehab (dashboard_part), by name.
    parts: dict = field(default_factory=dict)

    @property
    def weekly_rate(self):
        return percent(sum(w.attended for w in self.weeks), sum(w.recorded for w in self.weeks))

    @property
    def completions(self) -> int:
        return sum(o.completions for o in self.outcomes)

    @property
    def dropouts(self) -> int:
        return sum(o.dropouts for o in self.outcomes)


def dashboard_figures(*, facility: Facility, on: dt.date) -> Dashboard:
    """Every figure of the dashboard; the one-row counts of all cards travel in one query."""
    cohorts = Cohort.objects.filter(programme__facility=facility)
    weeks = _week_starts(on)
    months = [add_months(on.replace(day=1), i + 1 - OUTCOME_MONTHS) for i in range(OUTCOME_MONTHS)]
    row = aggregate_together(
        _weekly_attendance(cohorts, weeks, facility.timezone),
        _monthly_outcomes(cohorts, months, on),
        _latest_recommendations(cohorts, months[0], on),
        _waiting(facility, cohorts),
        outcomes.completion_counts(facility, on),
        outcomes.last_held_session(facility),
    )
    risk_levels = _risk_levels(cohorts, on)
    # The two short lists of the page in one query.
    expiring, integrations = fetch_together(
        _expiring_agreements(facility, on), _integrations_waiting(facility)
    )
    return Dashboard(
        facility=facility,
        on=on,
        active_participants=sum(r.count for r in risk_levels),
        weeks=[
            WeekRate(w, row[f"attended_{i}"], row[f"recorded_{i}"]) for i, w in enumerate(weeks)
        ],
        outcomes=[
            MonthOutcome(m, row[f"completions_{i}"], row[f"dropouts_{i}"])
            for i, m in enumerate(months)
        ],
        risk_levels=risk_levels,
        recommendations=[
            CountRow(str(label), row[f"recommendation_{value}"])
            for value, label in Evaluation.Recommendation.choices
        ],
        expiring_agreements=[
            ExpiringAgreement(a, a.days_left(on), str(Agreement.Status(a.current_status).label))
            for a in expiring
        ],
        integrations=integrations,
        integrations_by_kind=[
            CountRow(str(label), row[f"integrations_{kind}"])
            for kind, label in IntegrationProgramme.Kind.choices
        ],
        evaluations_waiting=row["evaluations_waiting"],
        programme_evaluations_waiting=row["programme_evaluations_waiting"],
        completion=outcomes.Completion.from_row(row),
        last_held_session=facility_date(row["last_held"], facility) if row["last_held"] else None,
        assist=outcomes.assist_change(facility, on),
        parts={
            name: figure
            for _name, part in dashboard_part.items()
            for name, figure in part(facility, on).items()
        },
    )


def _week_starts(on: dt.date) -> list[dt.date]:
    """The Mondays of the last WEEKS weeks, the week of `on` last."""
    monday = on - dt.timedelta(days=on.weekday())
    return [monday - dt.timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]


def _weekly_attendance(cohorts, weeks: list[dt.date], zone: str) -> tuple:
    """Attendance recorded and attended at held sessions, one pair of counts per local week."""
    since, until = local_bounds(weeks[0], weeks[-1] + dt.timedelta(days=6), zone)
    rows = Attendance.objects.filter(
        session__cohort__in=cohorts,
        session__status=Session.Status.HELD,
        session__starts_at__gte=since,
        session__starts_at__lt=until,
    )
    counts = {}
    for i, week in enumerate(weeks):
        start, end = local_bounds(week, week + dt.timedelta(days=6), zone)
        in_week = Q(session__starts_at__gte=start, session__starts_at__lt=end)
        counts[f"recorded_{i}"] = Count("id", filter=in_week)
        counts[f"attended_{i}"] = Count("id", filter=in_week & Q(status__in=ATTENDED_STATUSES))
    return rows, counts


def _monthly_outcomes(cohorts, months: list[dt.date], on: dt.date) -> tuple:
    """Enrolments completed and dropped out, per month, up to `on`."""
    ended = Enrollment.objects.filter(cohort__in=cohorts, ended_on__gte=months[0], ended_on__lte=on)
    counts = {}
    for i, month in enumerate(months):
        in_month = Q(ended_on__gte=month, ended_on__lte=month_end(month))
        status = Enrollment.Status
        counts[f"completions_{i}"] = Count("id", filter=in_month & Q(status=status.COMPLETED))
        counts[f"dropouts_{i}"] = Count("id", filter=in_month & Q(status=status.DROPPED_OUT))
    return ended, counts


def _latest_recommendations(cohorts, first_month: dt.date, on: dt.date) -> tuple:
    """Each enrolment's latest evaluation that reached the kepala, by its recommendation."""
    counted = Evaluation.objects.filter(
        enrollment__cohort__in=cohorts,
        status__in=COUNTED_EVALUATION_STATUSES,
        period__gte=first_month,
        period__lte=on,
    )
    newer = counted.filter(enrollment=OuterRef("enrollment")).filter(
        Q(period__gt=OuterRef("period")) | Q(period=OuterRef("period"), id__gt=OuterRef("id"))
    )
    return counted.exclude(Exists(newer)), {
        f"recommendation_{value}": Count(
            "enrollment", distinct=True, filter=Q(recommendation=value)
        )
        for value in Evaluation.Recommendation.values
    }


def _waiting(facility: Facility, cohorts) -> tuple:
    """What waits for the kepala now: evaluations to approve, integration proposals per kind.

    Counts of several tables, each a scalar subquery read once over the facility's own row.
    """
    proposals = IntegrationProgramme.objects.awaiting_decision().filter(
        participant__facility=facility
    )
    waiting = {
        "evaluations_waiting": Evaluation.objects.filter(
            enrollment__cohort__in=cohorts, status=ReviewStatus.SUBMITTED
        ),
        "programme_evaluations_waiting": ProgrammeEvaluation.objects.filter(
            agreement__facility=facility, status=ReviewStatus.SUBMITTED
        ),
        **{
            f"integrations_{kind}": proposals.filter(kind=kind)
            for kind in IntegrationProgramme.Kind.values
        },
    }
    return Facility.objects.filter(pk=facility.pk), {
        name: Max(Subquery(_count(queryset), output_field=IntegerField()))
        for name, queryset in waiting.items()
    }


def _count(queryset):
    """SELECT COUNT(*) of `queryset`, to be a scalar subquery."""
    return queryset.order_by().annotate(_n=Func(F("id"), function="COUNT")).values("_n")


def _risk_levels(cohorts, on: dt.date) -> list[CountRow]:
    """People active on `on` by the risk of their latest entry screening up to that day."""
    running = Enrollment.objects.filter(cohort__in=cohorts).active_on(on)
    latest_entry_risk = (
        Screening.objects.filter(
            participant=OuterRef("pk"), kind=Screening.Kind.ENTRY, screened_on__lte=on
        )
        .order_by("-screened_on", "-id")
        .values("highest_risk")[:1]
    )
    risks = dict(
        Participant.objects.filter(id__in=running.values("participant_id"))
        .annotate(risk=Subquery(latest_entry_risk))
        .values("risk")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("risk", "n")
    )
    rows = [CountRow(str(label), risks.get(level, 0)) for level, label in RiskLevel.choices]
    unscreened = risks.get(None, 0) + risks.get("", 0)
    return [*rows, CountRow(str(_("Belum ada skrining awal")), unscreened)]


def _expiring_agreements(facility: Facility, on: dt.date) -> QuerySet[Agreement]:
    """The register's own status rule, evaluated for the chosen day."""
    return (
        Agreement.objects.filter(facility=facility)
        .by_status(Agreement.Status.EXPIRING, day=on)
        .select_related("partner")
        .order_by("valid_until")
    )


def _integrations_waiting(facility: Facility) -> QuerySet[IntegrationProgramme]:
    proposals = IntegrationProgramme.objects.awaiting_decision().filter(
        participant__facility=facility
    )
    return proposals.select_related("participant", "guarantor").order_by(
        "tpp_date", "proposed_on", "participant__name"
    )[:200]
