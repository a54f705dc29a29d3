"""The role-aware home page: each app contributes panels built from real data."""

from dataclasses import dataclass
from dataclasses import field
from importlib import import_module
from typing import Any

# Each module exposes `panels(user) -> list[Panel]`; order here is order on the page.
PANEL_MODULES = [
    "rehab.home",
    "sessions.home",
    "participants.home",
    "rehab.home_agreements",
    "rehab.home_reports",
    "rehab.home_oversight",
    "aftercare.home",
]


@dataclass
class Panel:
    """A card on the home page: a template and what it shows."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


def home_context(user) -> dict[str, Any]:
    panels: list[Panel] = []
    for module_name in PANEL_MODULES:
        panels.extend(import_module(module_name).panels(user))
    panels.sort(key=lambda panel: panel.order)
    return {"panels": panels, "role": user.role}
