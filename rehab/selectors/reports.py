"""What the report index offers: the months in which the user's facilities held sessions."""

import datetime as dt

from django.db.models.functions import TruncMonth

from rutan.scoping import scope_queryset
from sessions.models import Session


def months_with_sessions(user, *, limit: int = 12) -> list[tuple[str, str, dt.date]]:
    """(facility code, facility name, first day of month), newest first, in one query."""
    rows = (
        scope_queryset(
            user,
            Session.objects.filter(status=Session.Status.HELD),
            facility="cohort__programme__facility",
        )
        .annotate(month=TruncMonth("starts_at"))
        .values_list(
            "cohort__programme__facility__code", "cohort__programme__facility__name", "month"
        )
        .distinct()
        .order_by("-month", "cohort__programme__facility__name")[:limit]
    )
    return [(code, name, month.date()) for code, name, month in rows]
