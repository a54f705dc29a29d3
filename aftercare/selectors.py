"""What the handover pages read, scoped: a Bapas user sees only its own office's handovers."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from aftercare.models import FollowUp
from aftercare.models import Handover
from rutan.models import BapasOffice


def handovers_for(user) -> QuerySet[Handover]:
    return Handover.objects.select_related("participant__facility", "bapas_office").visible_to(user)


def get_handover_for(user, pk: int) -> Handover:
    """One handover in the user's scope, or 404."""
    return Handover.objects.select_related(
        "participant__facility", "bapas_office", "handed_over_by"
    ).get_visible(user, pk=pk)


def offices_serving(facility) -> QuerySet[BapasOffice]:
    return BapasOffice.objects.filter(facilities=facility).order_by("name")


# A follow-up shows as due this many days before its date, so the Bapas can plan the visit.
DUE_AHEAD_DAYS = 7


@dataclass
class DueFollowUp:
    handover: Handover
    milestone: int
    due_on: dt.date

    @property
    def label(self) -> str:
        return FollowUp.Milestone(self.milestone).label

    def overdue(self, today: dt.date) -> bool:
        return self.due_on < today


def follow_ups_due(user, today: dt.date) -> list[DueFollowUp]:
    """Milestones not yet recorded whose date is within a week or already past, oldest first."""
    handovers = handovers_for(user).prefetch_related("follow_ups")
    due = []
    for handover in handovers:
        done = {f.milestone for f in handover.follow_ups.all()}
        for milestone in FollowUp.Milestone.values:
            day = handover.due_on(milestone)
            if milestone not in done and day <= today + dt.timedelta(days=DUE_AHEAD_DAYS):
                due.append(DueFollowUp(handover, milestone, day))
    return sorted(due, key=lambda d: (d.due_on, d.handover.pk))
