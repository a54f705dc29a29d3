"""Home-page cards for evaluations and reports."""

from django.utils import timezone

from rehab.models import ReviewStatus
from rehab.permissions import EVALUATION_DUE_WATCHERS
from rehab.permissions import EVALUATION_REVIEW_WATCHERS
from rehab.selectors.evaluations import due_evaluation_count
from rehab.selectors.evaluations import evaluations_for
from rehab.selectors.evaluations import programme_evaluations_for
from rehab.selectors.reports import waiting_integrations
from rutan.dates import previous_month
from rutan.home import Panel
from rutan.roles import Role


def panels(user) -> list[Panel]:
    today = timezone.localdate()
    if user.has_role(*EVALUATION_REVIEW_WATCHERS):
        context = {
            # A WHERE (not an aggregate FILTER), so the (status, period) index serves it.
            "evaluations_waiting": evaluations_for(user)
            .filter(status=ReviewStatus.SUBMITTED)
            .count(),
            "programme_waiting": programme_evaluations_for(user)
            .filter(status=ReviewStatus.SUBMITTED)
            .count(),
            "integrations_waiting": waiting_integrations(user).count(),
            "last_month": previous_month(today),
            "facility": user.facility,
            "can_review": user.has_role(Role.KEPALA),
        }
        return [Panel("rehab/_home_reports.html", context, order=1)]
    if user.has_role(*EVALUATION_DUE_WATCHERS):
        returned = evaluations_for(user).filter(status=ReviewStatus.RETURNED).count()
        context = {"due": due_evaluation_count(user, today=today), "returned": returned}
        return [Panel("rehab/_home_evaluations.html", context, order=8)]
    return []
