"""How people fare after release, on the dashboard of the facility they left: at 3, 6 and 12
months after the handover, whom the Bapas reached and who used no substance."""

import datetime as dt
from dataclasses import dataclass

from aftercare.models import FollowUp
from aftercare.models import Handover
from rehab.reports.activity import percent
from rehab.reports.dashboard import dashboard_part
from rutan.aggregates import fetch_together
from rutan.aggregates import prefetched

# The dashboard reports outcomes at 3, 6 and 12 months; the first month's contact is not counted.
OUTCOME_MILESTONES = (FollowUp.Milestone.M3, FollowUp.Milestone.M6, FollowUp.Milestone.M12)


@dataclass
class FollowUpOutcome:
    milestone: int
    due: int
    reached: int
    abstinent: int

    @property
    def reached_rate(self):
        return percent(self.reached, self.due)

    @property
    def abstinent_rate(self):
        return percent(self.abstinent, self.reached)


def follow_up_outcomes(facility, on: dt.date) -> list[FollowUpOutcome]:
    """At 3, 6 and 12 months: handovers whose contact was due by `on`, how many were reached,
    and how many of those reached used no substance."""
    handovers = Handover.objects.filter(participant__facility=facility)
    # The handovers and their follow-ups in one round trip.
    handovers, follow_ups = fetch_together(
        handovers, FollowUp.objects.filter(handover__in=handovers.values("pk"))
    )
    by_handover: dict[int, list[FollowUp]] = {}
    for follow_up in follow_ups:
        by_handover.setdefault(follow_up.handover_id, []).append(follow_up)
    for handover in handovers:
        prefetched(handover, "follow_ups", by_handover.get(handover.pk, []))
    outcomes = []
    for milestone in OUTCOME_MILESTONES:
        due = [h for h in handovers if h.due_on(milestone) <= on]
        contacts = [
            f
            for h in due
            for f in h.follow_ups.all()
            if f.milestone == milestone and f.contacted_on <= on
        ]
        outcomes.append(
            FollowUpOutcome(
                milestone=milestone,
                due=len(due),
                reached=sum(1 for f in contacts if f.reached),
                abstinent=sum(1 for f in contacts if f.abstinent),
            )
        )
    return outcomes


@dashboard_part(10)
def follow_up_part(facility, on: dt.date) -> dict:
    return {"follow_ups": follow_up_outcomes(facility, on)}
