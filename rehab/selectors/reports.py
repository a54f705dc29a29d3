"""What the report pages read: facilities in reach, months with sessions, open proposals."""

import datetime as dt

from django.db.models.functions import TruncMonth

from participants.models import IntegrationProgramme
from rutan.models import Facility
from sessions.models import Session


def months_with_sessions(user, *, limit: int = 12) -> list[tuple[str, str, dt.date]]:
    """(facility code, facility name, first day of month), newest first, in one query."""
    rows = (
        Session.objects.filter(status=Session.Status.HELD)
        .visible_to(user)
        .annotate(month=TruncMonth("starts_at"))
        .values_list(
            "cohort__programme__facility__code", "cohort__programme__facility__name", "month"
        )
        .distinct()
        .order_by("-month", "cohort__programme__facility__name")[:limit]
    )
    return [(code, name, month.date()) for code, name, month in rows]


def facilities_for(user):
    return Facility.objects.visible_to(user)


def waiting_integrations(user):
    """Integration proposals not yet decided, for the dossier links."""
    return (
        IntegrationProgramme.objects.awaiting_decision()
        .select_related("participant", "guarantor")
        .visible_to(user)
    ).order_by("tpp_date", "proposed_on", "participant__name")
