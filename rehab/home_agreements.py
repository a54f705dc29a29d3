"""Home card for the head and the administrator: agreements about to end, drafts to approve."""

from rehab.selectors.agreements import agreements_needing_attention
from rutan.home import Panel
from rutan.roles import Role


def panels(user) -> list[Panel]:
    if not user.has_role(Role.KEPALA, Role.ADMIN):
        return []
    attention = agreements_needing_attention(user)
    return [
        Panel(
            "rehab/_agreement_home_panel.html",
            {**attention, "can_approve": user.has_role(Role.KEPALA)},
            order=3,
        )
    ]
