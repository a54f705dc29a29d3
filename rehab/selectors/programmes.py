"""What the programme, cohort, schedule and module pages read."""

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.db.models import QuerySet

from rehab.models import Cohort
from rehab.models import Module
from rehab.models import Partner
from rehab.models import Programme
from rutan.models import User
from sessions.services import PlannedTime
from sessions.services import session_clashes


def programmes_for(user: User) -> QuerySet[Programme]:
    """Programmes the user may see: their facility's, or their partner's for a facilitator."""
    return Programme.objects.select_related("facility", "partner", "agreement").visible_to(user)


def programme_list(user: User) -> QuerySet[Programme]:
    return (
        programmes_for(user).annotate(cohort_count=Count("cohorts")).order_by("-start_date", "name")
    )


def get_programme_for(user: User, pk: int) -> Programme:
    return Programme.objects.select_related("facility", "partner", "agreement").get_visible(
        user, pk=pk
    )


def programme_partners() -> QuerySet[Partner]:
    """Partners a programme may be run with: any registered partner (the PKS may come later)."""
    return Partner.objects.order_by("name")


def module_library() -> QuerySet[Module]:
    return Module.objects.order_by("order", "code")


@dataclass(frozen=True)
class Slot:
    """One planned meeting of a generated schedule."""

    module: Module
    starts_at: dt.datetime  # in the facility's zone
    ends_at: dt.datetime

    @property
    def day(self) -> dt.date:
        return self.starts_at.date()

    @property
    def start_time(self) -> dt.time:
        return self.starts_at.time()

    @property
    def end_time(self) -> dt.time:
        return self.ends_at.time()


@dataclass(frozen=True)
class Clash:
    slot: Slot
    message: str


def schedule_clashes(
    *, cohort: Cohort, facilitators: Sequence[User], slots: Iterable[Slot]
) -> list[Clash]:
    """Planned slots that overlap a session of the same cohort or of one of its facilitators.

    The rule is the sessions app's (`session_clashes`, one query); here each clash is tied to
    the slot it hits, for the preview table. Cancelled sessions do not count.
    """
    slots = list(slots)
    facilitator_ids = frozenset(user.pk for user in facilitators)
    planned = [PlannedTime(s.starts_at, s.ends_at, facilitator_ids) for s in slots]
    found = session_clashes(cohort_id=cohort.pk, planned=planned)
    return [
        Clash(slot, str(clash))
        for slot in slots
        for clash in found
        if clash.session.starts_at < slot.ends_at and slot.starts_at < clash.session.ends_at
    ]
