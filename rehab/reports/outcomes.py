"""Outcomes beyond attendance: who completes, how ASSIST changes from entry to exit, and how
people fare after release (Bapas follow-ups). Each figure carries its denominator."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from aftercare.models import FollowUp, Handover
from participants import assist
from participants.models import Enrollment, Participant, Screening, SubstanceResult
from rehab.reports.activity import percent

ENDED = [
    Enrollment.Status.COMPLETED,
    Enrollment.Status.DROPPED_OUT,
    Enrollment.Status.TRANSFERRED,
    Enrollment.Status.RELEASED,
]
OUTCOME_MILESTONES = (3, 6, 12)


@dataclass
class Completion:
    completed: int
    ended: int

    @property
    def rate(self):
        return percent(self.completed, self.ended)


@dataclass
class AssistChange:
    substance: str
    label: str
    people: int
    entry_average: float
    exit_average: float

    @property
    def change(self) -> float:
        return round(self.exit_average - self.entry_average, 1)


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


def completion(facility, on: dt.date) -> Completion:
    """Of the enrolments ended by `on`, how many ended by completing the programme."""
    counts = Enrollment.objects.filter(
        cohort__programme__facility=facility, status__in=ENDED, ended_on__lte=on
    ).aggregate(
        ended=Count("id"), completed=Count("id", filter=Q(status=Enrollment.Status.COMPLETED))
    )
    return Completion(completed=counts["completed"], ended=counts["ended"])


def assist_change(facility, on: dt.date) -> list[AssistChange]:
    """Per substance used: average involvement score at the first entry screening and at the
    latest exit screening after it, over the participants who have both by `on`."""
    screenings = Screening.objects.filter(
        kind__in=[Screening.Kind.ENTRY, Screening.Kind.EXIT], screened_on__lte=on
    ).prefetch_related(Prefetch("results", queryset=SubstanceResult.objects.all()))
    participants = (
        Participant.objects.filter(facility=facility, screenings__kind=Screening.Kind.EXIT)
        .distinct()
        .prefetch_related(Prefetch("screenings", queryset=screenings))
    )
    pairs: dict[str, list[tuple[int, int]]] = {}
    for participant in participants:
        ordered = sorted(participant.screenings.all(), key=lambda s: (s.screened_on, s.pk))
        entries = [s for s in ordered if s.kind == Screening.Kind.ENTRY]
        if not entries:
            continue
        entry = entries[0]
        exits = [
            s
            for s in ordered
            if s.kind == Screening.Kind.EXIT
            and (s.screened_on, s.pk) > (entry.screened_on, entry.pk)
        ]
        if not exits:
            continue
        before = {r.substance: r for r in entry.results.all()}
        after = {r.substance: r for r in exits[-1].results.all()}
        for substance in assist.SUBSTANCES:
            a, b = before.get(substance), after.get(substance)
            if a and b and (a.ever_used or b.ever_used):
                pairs.setdefault(substance, []).append((a.score, b.score))
    return [
        AssistChange(
            substance=substance,
            label=str(assist.SUBSTANCE_LABELS[substance]),
            people=len(pairs[substance]),
            entry_average=round(sum(a for a, _b in pairs[substance]) / len(pairs[substance]), 1),
            exit_average=round(sum(b for _a, b in pairs[substance]) / len(pairs[substance]), 1),
        )
        for substance in assist.SUBSTANCES
        if substance in pairs
    ]


def follow_up_outcomes(facility, on: dt.date) -> list[FollowUpOutcome]:
    """At 3, 6 and 12 months: handovers whose contact was due by `on`, how many were reached,
    and how many of those reached used no substance."""
    handovers = list(
        Handover.objects.filter(participant__facility=facility).prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.all())
        )
    )
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
