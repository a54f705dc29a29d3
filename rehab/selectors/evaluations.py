"""Reads for the evaluation pages: scoped querysets, the list of evaluations due, history."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment
from rehab.filters import ApprovalQueueFilter
from rehab.models import Agreement
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rehab.models.evaluations import SCORED_DOMAINS
from rehab.reports.activity import Activity
from rehab.reports.activity import programme_activity
from rutan.dates import month_end
from rutan.dates import previous_month
from sessions.models import Attendance


def evaluations_for(user) -> QuerySet[Evaluation]:
    return Evaluation.objects.select_related(
        "enrollment__participant", "enrollment__cohort", "author", "reviewed_by"
    ).visible_to(user)


def get_evaluation(user, pk: int) -> Evaluation:
    return get_object_or_404(evaluations_for(user), pk=pk)


def enrollments_for(user) -> QuerySet[Enrollment]:
    """Enrolments past screening the user may see, ready for a name and a cohort."""
    return (
        Enrollment.objects.exclude(status=Enrollment.Status.SCREENED)
        .select_related("participant", "cohort__programme__facility")
        .visible_to(user)
    )


def get_enrollment(user, pk: int) -> Enrollment:
    return get_object_or_404(enrollments_for(user), pk=pk)


@dataclass(frozen=True)
class DueEvaluation:
    enrollment: Enrollment
    kind: str
    period: dt.date
    overdue: bool


def _due_enrollments(user, *, today: dt.date) -> tuple[QuerySet, QuerySet]:
    """Active enrolments without a recent monthly evaluation; completed ones without an exit one."""
    this_month = today.replace(day=1)
    recent = [this_month, previous_month(this_month)]
    monthly = Evaluation.objects.filter(enrollment=OuterRef("pk"), kind=Evaluation.Kind.MONTHLY)
    exit_ = Evaluation.objects.filter(enrollment=OuterRef("pk"), kind=Evaluation.Kind.EXIT)
    enrollments = enrollments_for(user).order_by("cohort__name", "participant__name")
    active = enrollments.active_on(today).exclude(Exists(monthly.filter(period__in=recent)))
    exits = enrollments.filter(status=Enrollment.Status.COMPLETED).exclude(Exists(exit_))
    return active, exits


def due_evaluation_count(user, *, today: dt.date, limit: int = 300) -> int:
    """How many rows `due_evaluations` lists, counted in the database."""
    active, exits = _due_enrollments(user, today=today)
    return min(active.count(), limit) + min(exits.count(), limit)


def due_evaluations(user, *, today: dt.date, limit: int = 300) -> list[DueEvaluation]:
    """Evaluations nobody has started yet (two queries, whatever the number of participants).

    Monthly: an active enrolment with no monthly evaluation for this month or the previous one
    is due for the previous month when it had started by then (overdue: that month is over),
    otherwise for this month. Exit: a completed enrolment without an exit evaluation.
    """
    this_month = today.replace(day=1)
    last_month = previous_month(this_month)
    active, exits = _due_enrollments(user, today=today)
    due = []
    for enrollment in active[:limit]:
        started = enrollment.activated_on or enrollment.enrolled_on
        overdue = started is None or started <= month_end(last_month)
        due.append(
            DueEvaluation(
                enrollment, Evaluation.Kind.MONTHLY, last_month if overdue else this_month, overdue
            )
        )
    for enrollment in exits[:limit]:
        period = (enrollment.ended_on or today).replace(day=1)
        due.append(DueEvaluation(enrollment, Evaluation.Kind.EXIT, period, False))
    return due


def programme_evaluations_for(user) -> QuerySet[ProgrammeEvaluation]:
    return ProgrammeEvaluation.objects.select_related(
        "agreement__facility", "agreement__partner", "author", "reviewed_by"
    ).visible_to(user)


def get_programme_evaluation(user, pk: int) -> ProgrammeEvaluation:
    return get_object_or_404(programme_evaluations_for(user), pk=pk)


def agreements_for(user) -> QuerySet[Agreement]:
    return (
        Agreement.objects.select_related("facility", "partner")
        .visible_to(user)
        .filter(terminated_on__isnull=True)
    )


def agreement_cohorts(agreement: Agreement) -> QuerySet[Cohort]:
    """Cohorts run under the agreement; programmes not linked to any PKS count by facility+partner."""
    return Cohort.objects.filter(
        Q(programme__agreement=agreement)
        | Q(
            programme__agreement__isnull=True,
            programme__facility_id=agreement.facility_id,
            programme__partner_id=agreement.partner_id,
        )
    )


def programme_evaluation_figures(evaluation: ProgrammeEvaluation) -> Activity:
    """The figures as approved when frozen, otherwise computed from today's data."""
    if evaluation.figures:
        return Activity.from_json(evaluation.figures)
    return programme_activity(
        cohorts=agreement_cohorts(evaluation.agreement),
        start=evaluation.period_start,
        end=evaluation.period_end,
        zone=evaluation.agreement.facility.timezone,
    )


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    user: object
    action: str
    status: str
    changed: list[str]


STATUS_ACTIONS = {
    ReviewStatus.SUBMITTED: _("Diajukan ke kepala"),
    ReviewStatus.APPROVED: _("Disetujui"),
    ReviewStatus.RETURNED: _("Dikembalikan"),
    ReviewStatus.DRAFT: _("Dikembalikan ke draf"),
}


def history_lines(obj) -> list[HistoryLine]:
    """Who did what to `obj`, oldest first, with the fields each change touched."""
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")
    )
    hidden = {"updated_at", "figures", "status", "submitted_at", "reviewed_at", "reviewed_by"}
    lines = []
    previous = None
    for record in records:
        changed = []
        if previous is None:
            action = _("Dibuat")
        elif record.status != previous.status:
            action = STATUS_ACTIONS[record.status]
        else:
            action = _("Diubah")
        if previous is not None:
            changed = [
                str(capfirst(obj._meta.get_field(change.field).verbose_name))
                for change in record.diff_against(previous).changes
                if change.field not in hidden
            ]
        lines.append(
            HistoryLine(
                at=record.history_date,
                user=record.history_user,
                action=str(action),
                status=record.get_status_display(),
                changed=changed,
            )
        )
        previous = record
    return lines


# The kepala's approvals queue


def approval_queue(user, data=None) -> ApprovalQueueFilter:
    """Participant evaluations waiting for the kepala, oldest submission first, narrowed by
    the queue's filter when `data` (a query) is given."""
    waiting = evaluations_for(user).filter(status=ReviewStatus.SUBMITTED)
    return ApprovalQueueFilter(data, queryset=waiting.order_by("submitted_at", "id"))


def queue_cohorts(user) -> QuerySet[Cohort]:
    """Cohorts that have something waiting, for the queue's filter."""
    waiting = evaluations_for(user).filter(status=ReviewStatus.SUBMITTED)
    return Cohort.objects.filter(pk__in=waiting.values("enrollment__cohort_id")).order_by("name")


def next_waiting(queue: ApprovalQueueFilter, *, after: int) -> Evaluation | None:
    return queue.qs.exclude(pk=after).first()


@dataclass(frozen=True)
class Trend:
    label: str
    previous: int | None
    current: int | None

    @property
    def change(self) -> int | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class ReviewContext:
    """What the kepala weighs beside the evaluation: attendance and the path so far."""

    attended: int
    recorded: int
    previous: Evaluation | None
    trends: list[Trend]

    @property
    def attendance_rate(self) -> int | None:
        return round(100 * self.attended / self.recorded) if self.recorded else None


def review_context(evaluation: Evaluation) -> ReviewContext:
    enrollment = evaluation.enrollment
    rows = Attendance.objects.filter(
        participant_id=enrollment.participant_id, session__cohort_id=enrollment.cohort_id
    )
    counts = rows.aggregate(
        recorded=Count("id"), attended=Count("id", filter=Q(status__in=Attendance.ATTENDED))
    )
    previous = (
        Evaluation.objects.filter(enrollment__participant_id=enrollment.participant_id)
        .exclude(pk=evaluation.pk)
        .exclude(status=ReviewStatus.DRAFT)
        .filter(period__lt=evaluation.period)
        .order_by("-period", "-id")
        .first()
    )
    names = ["knowledge_post", *SCORED_DOMAINS]
    trends = [
        Trend(
            label=Evaluation._meta.get_field(name).verbose_name,
            previous=getattr(previous, name) if previous else None,
            current=getattr(evaluation, name),
        )
        for name in names
    ]
    return ReviewContext(counts["attended"], counts["recorded"], previous, trends)
