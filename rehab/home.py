from django.utils import timezone

from rutan.home import Panel
from sessions.selectors import cohorts_for


def panels(user) -> list[Panel]:
    today = timezone.localdate()
    cohorts = cohorts_for(user).filter(end_date__gte=today).order_by("start_date")[:10]
    return [Panel("rehab/_home_cohorts.html", {"cohorts": list(cohorts)}, order=10)]
