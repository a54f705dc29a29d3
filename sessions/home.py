from datetime import timedelta

from django.utils import timezone

from rutan.home import Panel
from rutan.scoping import scope_queryset
from sessions.models import Session


def panels(user) -> list[Panel]:
    now = timezone.now()
    upcoming = (
        scope_queryset(
            user,
            Session.objects.select_related("cohort", "module"),
            facility="cohort__programme__facility",
            partner="cohort__programme__partner",
        )
        .filter(starts_at__gte=now - timedelta(hours=12), starts_at__lt=now + timedelta(days=7))
        .exclude(status=Session.Status.CANCELLED)
        .order_by("starts_at")[:20]
    )
    return [Panel("sessions/_home_upcoming.html", {"sessions": list(upcoming)}, order=5)]
