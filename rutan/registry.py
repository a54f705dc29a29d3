"""Ordered registries: how a higher app hands a lower one what it needs without being imported.

The lower app owns the registry (`timeline_source = Registry()`); the higher app decorates its
functions (`@timeline_source(30)`) in a module Django imports when it starts (an AppConfig.ready
discovers them). Registering the same position again replaces the entry.
"""

from collections.abc import Callable
from typing import Generic
from typing import TypeVar

F = TypeVar("F", bound=Callable)


class Registry(Generic[F]):
    def __init__(self) -> None:
        self._entries: dict[int, tuple[str, F]] = {}

    def __call__(self, order: int, name: str = "") -> Callable[[F], F]:
        """Register the decorated function at `order`, under `name` (its own name by default)."""

        def register(function: F) -> F:
            self._entries[order] = (name or function.__name__, function)
            return function

        return register

    def items(self) -> list[tuple[str, F]]:
        """(name, function) pairs in their order."""
        return [entry for _order, entry in sorted(self._entries.items())]
