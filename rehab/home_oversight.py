"""Home-page card of the oversight roles: the way to the regional or national dashboard."""

from rutan.home import Panel
from rutan.permissions import is_oversight


def panels(user) -> list[Panel]:
    if not is_oversight(user):
        return []
    return [Panel("rehab/_home_oversight.html", {"region": user.region}, order=1)]
