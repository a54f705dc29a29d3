import datetime as dt

from django.core.cache import cache
from django.db.models import Count
from django.db.models import Q
from django.utils import timezone

from participants import selectors
from participants.models import Participant
from participants.models import RiskLevel
from participants.permissions import READ_ROLES
from participants.release import leaving_condition
from rutan.dates import today_for
from rutan.home import Panel
from rutan.roles import Role

# Whole-country counts (the administrator's home) take seconds at national size: the oversight
# summary job (every 10 minutes) keeps them; a home that finds none counts them on the spot.
NATIONAL_KEY = "participants:home:national"
NATIONAL_COUNTS_SECONDS = 15 * 60
LEAVING_DAYS = 30


def panels(user) -> list[Panel]:
    if not user.has_role(*READ_ROLES):
        return []
    participants = selectors.participants_for(user)
    today = today_for(user)
    if user.has_role(Role.ADMIN):
        counts = cache.get(NATIONAL_KEY) or national_counts_refresh()
    else:
        counts = _counts(participants, today)
    return [Panel("participants/_home_panel.html", {"counts": counts}, order=20)]


def national_counts_refresh() -> dict:
    """Count the whole register (every facility) and keep the figures for the admin's home."""
    counts = {**_counts(Participant.objects.all(), timezone.localdate()), "as_of": timezone.now()}
    cache.set(NATIONAL_KEY, counts, NATIONAL_COUNTS_SECONDS)
    return counts


def _counts(participants, today: dt.date) -> dict:
    """The card's figures in one pass over the register: each count is a FILTER of one query."""
    risks = [level for level, _label in RiskLevel.choices]
    last = today + dt.timedelta(days=LEAVING_DAYS)
    row = participants.aggregate(
        total=Count("id"),
        active=Count("id", filter=Participant.objects.active_on_condition(today)),
        exit_due=Count("id", filter=selectors.screening_due_condition()),
        recap_review=Count("id", filter=Participant.objects.recap_to_review_condition()),
        leaving=Count("id", filter=leaving_condition(today, last)),
        **{f"risk_{level}": Count("id", filter=Q(latest_risk=level)) for level in risks},
    )
    # Anyone without a known level (never screened) counts as "none".
    risk = {level: row.pop(f"risk_{level}") for level in risks}
    risk["none"] = row["total"] - sum(risk.values())
    return {**row, "risk": risk}
