"""Home-page cards for evaluations and reports."""

from django.db.models import Count, Q
from django.utils import timezone

from participants.models import IntegrationProgramme
from rehab.models import ReviewStatus
from rehab.selectors.evaluations import (
    due_evaluations,
    evaluations_for,
    previous_month,
    programme_evaluations_for,
)
from rutan.home import Panel
from rutan.roles import Role
from rutan.scoping import scope_queryset

WAITING_INTEGRATION = (IntegrationProgramme.Status.PROPOSED, IntegrationProgramme.Status.IN_REVIEW)


def panels(user) -> list[Panel]:
    today = timezone.localdate()
    if user.has_role(Role.KEPALA, Role.ADMIN):
        counts = evaluations_for(user).aggregate(
            waiting=Count("id", filter=Q(status=ReviewStatus.SUBMITTED))
        )
        context = {
            "evaluations_waiting": counts["waiting"],
            "programme_waiting": programme_evaluations_for(user)
            .filter(status=ReviewStatus.SUBMITTED)
            .count(),
            "integrations_waiting": scope_queryset(
                user, IntegrationProgramme.objects.all(), facility="participant__facility"
            )
            .filter(status__in=WAITING_INTEGRATION)
            .count(),
            "last_month": previous_month(today),
            "facility": user.facility,
        }
        return [Panel("rehab/_home_reports.html", context, order=1)]
    if user.has_role(Role.FASILITATOR, Role.PETUGAS):
        returned = evaluations_for(user).filter(status=ReviewStatus.RETURNED).count()
        context = {"due": len(due_evaluations(user, today=today)), "returned": returned}
        return [Panel("rehab/_home_evaluations.html", context, order=8)]
    return []
