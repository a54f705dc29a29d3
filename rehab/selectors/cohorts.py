"""What the cohort (angkatan) pages read: the cohorts in reach, their people and sessions."""

from django.db.models import Count
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models.functions import Coalesce

from participants.models import Enrollment
from rehab.models import Cohort
from rutan.models import User
from sessions.models import Attendance
from sessions.models import Session


def cohorts_for(user: User) -> QuerySet[Cohort]:
    return Cohort.objects.select_related("programme__facility", "programme__partner").visible_to(
        user
    )


def _count_per_cohort(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT of `queryset`'s rows of the outer cohort (0 when none)."""
    counted = (
        queryset.filter(cohort=OuterRef("pk"))
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def cohorts_with_counts(user: User) -> QuerySet[Cohort]:
    # One subquery per number: joining enrolments and sessions at once multiplied their rows.
    return cohorts_for(user).annotate(
        participant_count=_count_per_cohort(
            Enrollment.objects.exclude(status=Enrollment.Status.SCREENED)
        ),
        session_count=_count_per_cohort(Session.objects.exclude(status=Session.Status.CANCELLED)),
        held_count=_count_per_cohort(Session.objects.filter(status=Session.Status.HELD)),
    )


def get_cohort_for(user: User, pk: int) -> Cohort:
    return (
        Cohort.objects.select_related("programme__facility", "programme__partner")
        .prefetch_related(
            Prefetch("facilitators", queryset=User.objects.order_by("first_name", "last_name"))
        )
        .get_visible(user, pk=pk)
    )


def cohort_participants(cohort: Cohort) -> list[Enrollment]:
    """Every enrolment of the cohort with the participant's attendance numbers in its sessions."""
    in_cohort = Q(participant__attendances__session__cohort=cohort)
    status = "participant__attendances__status"
    enrollments = (
        Enrollment.objects.filter(cohort=cohort)
        .exclude(status=Enrollment.Status.SCREENED)
        .select_related("participant")
        .annotate(
            recorded=Count("participant__attendances", filter=in_cohort),
            attended=Count(
                "participant__attendances",
                filter=in_cohort & Q(**{f"{status}__in": list(Attendance.ATTENDED)}),
            ),
            excused=Count(
                "participant__attendances",
                filter=in_cohort & Q(**{f"{status}__in": list(Attendance.REASON_REQUIRED)}),
            ),
            absent=Count(
                "participant__attendances",
                filter=in_cohort & Q(**{status: Attendance.Status.ABSENT}),
            ),
        )
        .order_by("participant__name")
    )
    rows = list(enrollments)
    for row in rows:
        row.rate = round(100 * row.attended / row.recorded) if row.recorded else None
    return rows


def cohort_sessions(cohort: Cohort) -> list[Session]:
    return list(
        Session.objects.filter(cohort=cohort)
        .select_related("module", "cohort__programme__facility")
        .annotate(
            attended_count=Count(
                "attendances", filter=Q(attendances__status__in=list(Attendance.ATTENDED))
            ),
            recorded_count=Count("attendances"),
        )
        .order_by("starts_at")
    )
