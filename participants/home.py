from django.core.cache import cache
from django.utils import timezone

from participants import selectors
from participants.permissions import READ_ROLES
from participants.release import leaving_count
from rutan.dates import today_for
from rutan.home import Panel
from rutan.roles import Role

# Whole-country counts (the administrator's home) are recomputed at most this often.
NATIONAL_COUNTS_SECONDS = 300


def panels(user) -> list[Panel]:
    if not user.has_role(*READ_ROLES):
        return []
    participants = selectors.participants_for(user)
    if user.has_role(Role.ADMIN):
        counts = cache.get("participants:home:national")
        if counts is None:
            counts = {**_counts(user, participants), "as_of": timezone.now()}
            cache.set("participants:home:national", counts, NATIONAL_COUNTS_SECONDS)
    else:
        counts = _counts(user, participants)
    return [Panel("participants/_home_panel.html", {"counts": counts}, order=20)]


def _counts(user, participants) -> dict:
    return {
        "total": participants.count(),
        "active": selectors.active_count(participants, on=today_for(user)),
        "risk": selectors.risk_counts(participants),
        "exit_due": selectors.screenings_due(participants),
        "recap_review": participants.recap_to_review().count(),
        "leaving": leaving_count(participants, today=today_for(user), days=30),
    }
