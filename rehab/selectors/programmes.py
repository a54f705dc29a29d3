"""What the programme, cohort, schedule and module pages read."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from rehab.models import Cohort, Module, Partner, Programme
from rutan.models import User
from rutan.scoping import get_in_scope, scope_queryset
from sessions.models import Session

PROGRAMME_SCOPE = {"facility": "facility", "partner": "partner"}


def programmes_for(user: User) -> QuerySet[Programme]:
    """Programmes the user may see: their facility's, or their partner's for a facilitator."""
    return scope_queryset(
        user,
        Programme.objects.select_related("facility", "partner", "agreement"),
        **PROGRAMME_SCOPE,
    )


def programme_list(user: User) -> QuerySet[Programme]:
    return (
        programmes_for(user).annotate(cohort_count=Count("cohorts")).order_by("-start_date", "name")
    )


def get_programme_for(user: User, pk: int) -> Programme:
    return get_in_scope(
        user,
        Programme.objects.select_related("facility", "partner", "agreement"),
        **PROGRAMME_SCOPE,
        pk=pk,
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

    The one place the schedule generator asks about clashes; cancelled sessions do not count.
    """
    slots = list(slots)
    if not slots:
        return []
    facilitator_ids = {user.pk for user in facilitators}
    first = min(slot.starts_at for slot in slots)
    last = max(slot.ends_at for slot in slots)
    nearby = list(
        Session.objects.exclude(status=Session.Status.CANCELLED)
        .filter(starts_at__lt=last, ends_at__gt=first)
        .filter(Q(cohort=cohort) | Q(facilitators__in=facilitator_ids))
        .select_related("cohort", "module")
        .prefetch_related("facilitators")
        .distinct()
    )
    clashes = []
    for slot in slots:
        for session in nearby:
            if not (session.starts_at < slot.ends_at and session.ends_at > slot.starts_at):
                continue
            if session.cohort_id == cohort.pk:
                message = _("Bertabrakan dengan sesi %(session)s angkatan ini.") % {
                    "session": session
                }
            else:
                names = ", ".join(
                    str(u) for u in session.facilitators.all() if u.pk in facilitator_ids
                )
                message = _("%(names)s sudah mengisi sesi %(session)s (%(cohort)s).") % {
                    "names": names,
                    "session": session,
                    "cohort": session.cohort,
                }
            clashes.append(Clash(slot, message))
    return clashes
