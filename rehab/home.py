from rehab.selectors.cohorts import cohorts_for
from rutan.dates import today_for
from rutan.home import Panel
from rutan.roles import ALL_ROLES


def panels(user) -> list[Panel]:
    # The roles that open cohort pages; oversight and Bapas homes have their own cards.
    if not user.has_role(*ALL_ROLES):
        return []
    cohorts = cohorts_for(user).filter(end_date__gte=today_for(user)).order_by("start_date")[:10]
    return [Panel("rehab/_home_cohorts.html", {"cohorts": list(cohorts)}, order=10)]
