"""Home card of a Bapas user: the people handed to the office, and follow-ups due."""

from aftercare import selectors
from rutan.home import Panel
from rutan.roles import Role

PANEL_ROWS = 8


def panels(user) -> list[Panel]:
    if not user.has_role(Role.BAPAS):
        return []
    handovers = selectors.handovers_for(user).order_by("-handed_over_on", "-id")
    context = {"handovers": list(handovers[:PANEL_ROWS]), "total": handovers.count()}
    return [Panel("aftercare/_home_bapas.html", context, order=5)]
