"""Which facility's and which partner's objects a user may see: the one rule every view uses.

Each scoped model declares its `Scope` once on its QuerySet (a `ScopedQuerySet`); views,
selectors, exports and reports ask `Model.objects.visible_to(user)` or `.get_visible(user, pk=…)`.
"""

from dataclasses import dataclass
from typing import ClassVar
from typing import Self
from typing import TypeVar

from django.db.models import Model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from rutan.roles import FACILITY_ROLES
from rutan.roles import OVERSIGHT_ROLES
from rutan.roles import Role

M = TypeVar("M", bound=Model)


def scope_queryset(
    user,
    queryset: QuerySet[M],
    *,
    facility: str | None,
    partner: str | None = None,
    bapas: str | None = None,
) -> QuerySet[M]:
    """Narrow `queryset` to what `user` may see.

    `facility` and `partner` are lookup paths from the model to rutan.Facility and
    rehab.Partner (e.g. "cohort__programme__facility"), `bapas` to rutan.BapasOffice; None
    means the model has no such link, so a role scoped by it sees nothing.
    """
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.has_role(Role.ADMIN):
        return queryset
    if user.has_role(Role.PUSAT):
        return queryset if facility is not None else queryset.none()
    if user.roles & OVERSIGHT_ROLES:  # a Kanwil: every facility of its region
        if facility is None or user.region_id is None:
            return queryset.none()
        return queryset.filter(**{_region_path(facility): user.region_id})
    if user.roles & FACILITY_ROLES:
        if facility is None or user.facility_id is None:
            return queryset.none()
        return queryset.filter(**{facility: user.facility_id})
    if user.has_role(Role.FASILITATOR):
        if partner is None or user.partner_id is None:
            return queryset.none()
        return queryset.filter(**{partner: user.partner_id})
    if user.has_role(Role.BAPAS):
        if bapas is None or user.bapas_office_id is None:
            return queryset.none()
        return queryset.filter(**{bapas: user.bapas_office_id})
    return queryset.none()


def _region_path(facility: str) -> str:
    """The lookup from the model to the facility's region ("pk" is the facility itself)."""
    return "region" if facility == "pk" else f"{facility}__region"


@dataclass(frozen=True)
class Scope:
    """Lookup paths from a model to what decides who sees it (see `scope_queryset`)."""

    facility: str | None
    partner: str | None = None
    bapas: str | None = None


class ScopedQuerySet(QuerySet):
    """A QuerySet whose model states its scope once, in `scope`."""

    scope: ClassVar[Scope]

    def visible_to(self, user) -> Self:
        """The rows `user` may see."""
        scope = self.scope
        return scope_queryset(
            user, self, facility=scope.facility, partner=scope.partner, bapas=scope.bapas
        )

    def get_visible(self, user, **lookup):
        """One row `user` may see, or 404: out of scope looks exactly like missing."""
        return get_object_or_404(self.visible_to(user), **lookup)
