"""Home card of a Bapas user: the people handed to the office, and follow-ups due."""

from aftercare import selectors
from rutan.dates import facility_today
from rutan.home import Panel
from rutan.roles import Role

PANEL_ROWS = 8


def panels(user) -> list[Panel]:
    if not user.has_role(Role.BAPAS):
        return []
    handovers = selectors.handovers_for(user).order_by("-handed_over_on", "-id")
    # A Bapas has no facility: its office's "today" is read in the zone of the first facility
    # it serves (offices serve facilities of one province, so of one zone).
    facility = user.bapas_office.facilities.first() if user.bapas_office_id else None
    today = facility_today(facility or "Asia/Jakarta")
    context = {
        "handovers": list(handovers[:PANEL_ROWS]),
        "total": handovers.count(),
        "due": selectors.follow_ups_due(user, today),
        "today": today,
    }
    return [Panel("aftercare/_home_bapas.html", context, order=5)]
