"""The kepala's dashboard: the programme's health at one facility on one day, in few queries."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment, IntegrationProgramme, Participant, RiskLevel, Screening
from rehab.models import Agreement, Cohort, Evaluation, ProgrammeEvaluation, ReviewStatus
from rehab.reports.activity import (
    ATTENDED_STATUSES,
    COUNTED_EVALUATION_STATUSES,
    local_bounds,
    percent,
)
from rehab.reports.tables import CountRow
from rutan.dates import add_months, facility_date
from rutan.models import Facility
from sessions.models import Attendance, Session

WEEKS = 8
OUTCOME_MONTHS = 6


@dataclass(frozen=True)
class WeekRate:
    week_start: dt.date
    attended: int
    recorded: int

    @property
    def rate(self):
        return percent(self.attended, self.recorded)


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
    cohorts = Cohort.objects.filter(programme__facility=facility)
    running = Enrollment.objects.filter(cohort__in=cohorts).active_on(on)
    active = running.aggregate(n=Count("participant", distinct=True))["n"]

    monday = on - dt.timedelta(days=on.weekday())
    first_week = monday - dt.timedelta(weeks=WEEKS - 1)
    since, until = local_bounds(first_week, monday + dt.timedelta(days=6), facility.timezone)
    zone = ZoneInfo(facility.timezone)
    weekly = {
        facility_date(row["week"], facility): row
        for row in Attendance.objects.filter(
            session__cohort__in=cohorts,
            session__status=Session.Status.HELD,
            session__starts_at__gte=since,
            session__starts_at__lt=until,
        )
        .annotate(week=TruncWeek("session__starts_at", tzinfo=zone))
        .values("week")
        .annotate(
            recorded=Count("id"), attended=Count("id", filter=Q(status__in=ATTENDED_STATUSES))
        )
        .order_by()
    }
    weeks = []
    for i in range(WEEKS):
        start = first_week + dt.timedelta(weeks=i)
        row = weekly.get(start, {})
        weeks.append(WeekRate(start, row.get("attended", 0), row.get("recorded", 0)))

    this_month = on.replace(day=1)
    first_month = add_months(this_month, 1 - OUTCOME_MONTHS)
    ended = {
        row["month"]: row
        for row in Enrollment.objects.filter(
            cohort__in=cohorts, ended_on__gte=first_month, ended_on__lte=on
        )
        .annotate(month=TruncMonth("ended_on"))
        .values("month")
        .annotate(
            completions=Count("id", filter=Q(status=Enrollment.Status.COMPLETED)),
            dropouts=Count("id", filter=Q(status=Enrollment.Status.DROPPED_OUT)),
        )
        .order_by()
    }
    outcomes = []
    for i in range(OUTCOME_MONTHS):
        month = add_months(first_month, i)
        row = ended.get(month, {})
        outcomes.append(MonthOutcome(month, row.get("completions", 0), row.get("dropouts", 0)))

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
    risk_levels = [CountRow(str(label), risks.get(level, 0)) for level, label in RiskLevel.choices]
    risk_levels.append(
        CountRow(str(_("Belum ada skrining awal")), risks.get(None, 0) + risks.get("", 0))
    )

    # Each enrolment's latest evaluation that reached the kepala, over the last months.
    counted = Evaluation.objects.filter(
        enrollment__cohort__in=cohorts,
        status__in=COUNTED_EVALUATION_STATUSES,
        period__gte=first_month,
        period__lte=on,
    )
    newer = counted.filter(enrollment=OuterRef("enrollment")).filter(
        Q(period__gt=OuterRef("period")) | Q(period=OuterRef("period"), id__gt=OuterRef("id"))
    )
    recommendations = dict(
        counted.exclude(Exists(newer))
        .values("recommendation")
        .annotate(n=Count("enrollment", distinct=True))
        .order_by()
        .values_list("recommendation", "n")
    )

    # The register's own status rule, evaluated for the chosen day.
    agreements = (
        Agreement.objects.filter(facility=facility)
        .by_status(Agreement.Status.EXPIRING, day=on)
        .select_related("partner")
        .order_by("valid_until")
    )
    expiring = [
        ExpiringAgreement(a, a.days_left(on), str(Agreement.Status(a.current_status).label))
        for a in agreements
    ]

    proposals = IntegrationProgramme.objects.awaiting_decision().filter(
        participant__facility=facility
    )
    by_kind = dict(
        proposals.values("kind").annotate(n=Count("id")).order_by().values_list("kind", "n")
    )
    integrations = list(
        proposals.select_related("participant", "guarantor").order_by(
            "tpp_date", "proposed_on", "participant__name"
        )[:200]
    )
    waiting = Evaluation.objects.filter(
        enrollment__cohort__in=cohorts, status=ReviewStatus.SUBMITTED
    ).count()
    programme_waiting = ProgrammeEvaluation.objects.filter(
        agreement__facility=facility, status=ReviewStatus.SUBMITTED
    ).count()

    labels = dict(Evaluation.Recommendation.choices)
    return Dashboard(
        facility=facility,
        on=on,
        active_participants=active,
        weeks=weeks,
        outcomes=outcomes,
        risk_levels=risk_levels,
        recommendations=[
            CountRow(str(labels[r]), recommendations.get(r, 0))
            for r in Evaluation.Recommendation.values
        ],
        expiring_agreements=expiring,
        integrations=integrations,
        integrations_by_kind=[
            CountRow(str(label), by_kind.get(kind, 0))
            for kind, label in IntegrationProgramme.Kind.choices
        ],
        evaluations_waiting=waiting,
        programme_evaluations_waiting=programme_waiting,
    )
