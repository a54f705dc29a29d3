from django.utils import timezone

from rehab.models import Cohort
from rutan.home import Panel
from rutan.scoping import scope_queryset


def panels(user) -> list[Panel]:
    today = timezone.localdate()
    cohorts = (
        scope_queryset(
            user,
            Cohort.objects.select_related("programme__facility", "programme__partner"),
            facility="programme__facility",
            partner="programme__partner",
        )
        .filter(end_date__gte=today)
        .order_by("start_date")[:10]
    )
    return [Panel("rehab/_home_cohorts.html", {"cohorts": list(cohorts)}, order=10)]
