"""Outcomes beyond attendance: who completes, how ASSIST changes from entry to exit, and how
people fare after release (Bapas follow-ups). Each figure carries its denominator."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q

from aftercare.models import FollowUp, Handover
from participants import assist
from participants.models import Enrollment, Screening, SubstanceResult
from rehab.reports.activity import percent
from rutan.aggregates import fetch_together, prefetched
from sessions.models import Session

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

    @classmethod
    def from_row(cls, row: dict) -> "Completion":
        return cls(completed=row["completed"], ended=row["ended"])

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


def completion_counts(facility, on: dt.date) -> tuple:
    """Of the enrolments ended by `on`, how many ended by completing the programme
    (an aggregate part, see rutan.aggregates; read back with Completion.from_row)."""
    ended = Enrollment.objects.filter(
        cohort__programme__facility=facility, status__in=ENDED, ended_on__lte=on
    )
    return ended, {
        "ended": Count("id"),
        "completed": Count("id", filter=Q(status=Enrollment.Status.COMPLETED)),
    }


def last_held_session(facility) -> tuple:
    """When the facility's latest held session started (an aggregate part).

    Max() over the facility's cohorts reads their sessions through the (cohort, starts_at)
    index; ORDER BY starts_at DESC LIMIT 1 walked the national starts_at index instead.
    """
    held = Session.objects.filter(cohort__programme__facility=facility, status=Session.Status.HELD)
    return held, {"last_held": Max("starts_at")}


def assist_change(facility, on: dt.date) -> list[AssistChange]:
    """Per substance used: average involvement score at the first entry screening and at the
    latest exit screening after it, over the participants who have both by `on`."""
    # The screenings of the people with an exit screening, straight (no query for the people).
    exited = Screening.objects.filter(participant=OuterRef("participant"), kind=Screening.Kind.EXIT)
    screenings = Screening.objects.filter(
        participant__facility=facility,
        kind__in=[Screening.Kind.ENTRY, Screening.Kind.EXIT],
        screened_on__lte=on,
    ).filter(Exists(exited))
    # The screenings and their results in one round trip.
    screenings, results = fetch_together(
        screenings, SubstanceResult.objects.filter(screening__in=screenings.values("pk"))
    )
    by_screening: dict[int, list[SubstanceResult]] = {}
    for result in results:
        by_screening.setdefault(result.screening_id, []).append(result)
    by_person: dict[int, list[Screening]] = {}
    for screening in screenings:
        prefetched(screening, "results", by_screening.get(screening.pk, []))
        by_person.setdefault(screening.participant_id, []).append(screening)
    pairs: dict[str, list[tuple[int, int]]] = {}
    for person_screenings in by_person.values():
        ordered = sorted(person_screenings, key=lambda s: (s.screened_on, s.pk))
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
