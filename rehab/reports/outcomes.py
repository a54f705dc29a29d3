"""Outcomes beyond attendance: who completes, and how ASSIST changes from entry to exit. Each
figure carries its denominator; how people fare after release is aftercare's (aftercare.outcomes)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models import Max
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery

from participants import assist
from participants.models import Enrollment
from participants.models import Participant
from participants.models import Screening
from participants.models import SubstanceResult
from rehab.reports.activity import percent
from sessions.models import Session

ENDED = [
    Enrollment.Status.COMPLETED,
    Enrollment.Status.DROPPED_OUT,
    Enrollment.Status.TRANSFERRED,
    Enrollment.Status.RELEASED,
]


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
    pairs: dict[str, list[tuple[int, int]]] = {}
    people = _entry_and_exit(facility, on)
    scores = _scores([pk for pair in people for pk in pair])
    for entry, exit_ in people:
        before, after = scores.get(entry, {}), scores.get(exit_, {})
        for substance in assist.SUBSTANCES:
            a, b = before.get(substance), after.get(substance)
            if a and b and (a[1] or b[1]):
                pairs.setdefault(substance, []).append((a[0], b[0]))
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


def _entry_and_exit(facility, on: dt.date) -> list[tuple[int, int]]:
    """(first entry screening, latest exit screening after it) of each person who has both by
    `on`, as ids: the screening rows themselves (with their answers) are never loaded, so the
    cost follows the facility's people, not its history."""
    screened = Screening.objects.filter(participant=OuterRef("pk"), screened_on__lte=on)
    entry = screened.filter(kind=Screening.Kind.ENTRY).order_by("screened_on", "pk")
    later = Q(screened_on__gt=OuterRef("entry_on")) | Q(
        screened_on=OuterRef("entry_on"), pk__gt=OuterRef("entry_pk")
    )
    exit_ = screened.filter(later, kind=Screening.Kind.EXIT).order_by("-screened_on", "-pk")
    return list(
        Participant.objects.filter(facility=facility)
        .annotate(
            entry_pk=Subquery(entry.values("pk")[:1]),
            entry_on=Subquery(entry.values("screened_on")[:1]),
        )
        .annotate(exit_pk=Subquery(exit_.values("pk")[:1]))
        .filter(exit_pk__isnull=False)
        .values_list("entry_pk", "exit_pk")
    )


def _scores(screenings: list[int]) -> dict[int, dict[str, tuple[int, bool]]]:
    """Screening id → substance → (score, ever used)."""
    scores: dict[int, dict[str, tuple[int, bool]]] = {}
    rows = SubstanceResult.objects.filter(screening_id__in=screenings).values_list(
        "screening_id", "substance", "score", "ever_used"
    )
    for screening, substance, score, ever_used in rows:
        scores.setdefault(screening, {})[substance] = (score, ever_used)
    return scores
