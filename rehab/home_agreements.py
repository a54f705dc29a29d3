"""Home card for the head and the administrator: agreements about to end, drafts to approve."""

from rehab.permissions import AGREEMENT_EDITORS
from rehab.selectors.agreements import agreements_needing_attention
from rutan.home import Panel
from rutan.roles import Role


def panels(user) -> list[Panel]:
    if not user.has_role(*AGREEMENT_EDITORS):
        return []
    attention = agreements_needing_attention(user)
    return [
        Panel(
            "rehab/_agreement_home_panel.html",
            {
                **attention,
                "can_approve": user.has_role(Role.KEPALA),
                # Only an administrator's card spans several facilities.
                "show_facility": user.has_role(Role.ADMIN),
            },
            order=3,
        )
    ]
