from django.utils import timezone

from rehab.selectors.cohorts import cohorts_for
from rutan.home import Panel


def panels(user) -> list[Panel]:
    today = timezone.localdate()
    cohorts = cohorts_for(user).filter(end_date__gte=today).order_by("start_date")[:10]
    return [Panel("rehab/_home_cohorts.html", {"cohorts": list(cohorts)}, order=10)]
