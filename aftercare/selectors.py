"""What the handover pages read, scoped: a Bapas user sees only its own office's handovers."""

from django.db.models import QuerySet

from aftercare.models import Handover
from rutan.models import BapasOffice
from rutan.scoping import get_in_scope, scope_queryset

HANDOVER_SCOPE = {"facility": "participant__facility", "bapas": "bapas_office"}


def handovers_for(user) -> QuerySet[Handover]:
    return scope_queryset(
        user,
        Handover.objects.select_related("participant__facility", "bapas_office"),
        **HANDOVER_SCOPE,
    )


def get_handover_for(user, pk: int) -> Handover:
    """One handover in the user's scope, or 404."""
    return get_in_scope(
        user,
        Handover.objects.select_related("participant__facility", "bapas_office", "handed_over_by"),
        **HANDOVER_SCOPE,
        pk=pk,
    )


def offices_serving(facility) -> QuerySet[BapasOffice]:
    return BapasOffice.objects.filter(facilities=facility).order_by("name")
