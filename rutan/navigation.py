"""The navigation bar: each app's permissions.py adds its own entries, with its own role sets.

rutan sits below the apps it links to, so it does not import them: they register here when
Django loads them (RutanConfig.ready discovers every app's permissions module, as the admin
discovers admin.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    order: int
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None  # None: every signed-in user


_ITEMS: dict[str, NavItem] = {}


def nav_item(order: int, label: str | Promise, url_name: str, roles: Iterable[str] | None) -> None:
    """Show `url_name` to holders of `roles` at position `order` (registering twice is harmless)."""
    _ITEMS[url_name] = NavItem(order, label, url_name, None if roles is None else frozenset(roles))


def nav_items() -> list[NavItem]:
    return sorted(_ITEMS.values(), key=lambda item: item.order)
