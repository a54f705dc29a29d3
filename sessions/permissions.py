"""Who may do what with a session, beyond seeing it (seeing is scoping's job)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rutan.navigation import nav_item
from rutan.roles import ALL_ROLES
from rutan.roles import Role
from sessions.models import ATTENDANCE_EDIT_DAYS
from sessions.models import Session

# Who plans, moves and cancels sessions. The kepala does too: only the kepala (or an
# administrator) may confirm a deliberate overlap of two sessions.
SCHEDULERS = (Role.PETUGAS, Role.KEPALA, Role.ADMIN)
OVERLAP_CONFIRMERS = (Role.KEPALA, Role.ADMIN)
# Who opens the attendance sheet (facilitators see attendance on their notes page).
SHEET_READERS = (Role.PETUGAS, Role.KEPALA, Role.ADMIN)
# Who reads facilitators' observations of participants: the partner and the kepala (and an
# administrator), never petugas. Every page, timeline, PDF and export asks can_see_observations
# (through sessions.selectors.observations_for).
OBSERVATION_READERS = (Role.FASILITATOR, Role.KEPALA, Role.ADMIN)
# Who opens facilitator notes and observations; only facilitators write them.
NOTES_READERS = OBSERVATION_READERS
NOTES_WRITERS = (Role.FASILITATOR,)

nav_item(20, _("Sesi"), "sessions:list", ALL_ROLES)


def can_see_observations(user) -> bool:
    """Whether `user` may read observations at all (scope still narrows which)."""
    return user.is_authenticated and user.has_role(*OBSERVATION_READERS)


def may_confirm_overlap(user) -> bool:
    return user.has_role(*OVERLAP_CONFIRMERS)


@dataclass(frozen=True)
class SheetAccess:
    can_edit: bool
    needs_reason: bool = False
    why_not: str | Promise = ""


def attendance_access(user, session: Session, today: dt.date) -> SheetAccess:
    """Whether `user` may save the attendance sheet today (the facility's date).

    Petugas record and correct a sheet until 7 days after the session; a sheet never
    recorded may be entered later from the paper list. After that only the kepala (or an
    administrator) corrects it, giving a reason that stays in the history.
    """
    if session.status == Session.Status.CANCELLED:
        return SheetAccess(False, why_not=_("Sesi ini dibatalkan; kehadiran tidak dicatat."))
    if today < session.local_date:
        return SheetAccess(False, why_not=_("Kehadiran dapat dicatat mulai hari sesi."))
    in_window = today <= session.petugas_may_edit_until() or not session.attendance_recorded
    if user.has_role(Role.ADMIN):
        return SheetAccess(True, needs_reason=not in_window)
    if in_window and user.has_role(Role.PETUGAS):
        return SheetAccess(True)
    if not in_window and user.has_role(Role.KEPALA):
        return SheetAccess(True, needs_reason=True)
    if user.has_role(Role.PETUGAS):
        return SheetAccess(
            False,
            why_not=_(
                "Lebih dari %(days)s hari sejak sesi: perubahan hanya oleh kepala rutan, "
                "dengan alasan."
            )
            % {"days": ATTENDANCE_EDIT_DAYS},
        )
    if user.has_role(Role.KEPALA):
        return SheetAccess(
            False,
            why_not=_(
                "Petugas masih dapat mengubah daftar hadir ini sampai %(date)s; "
                "koreksi oleh kepala rutan dibuka sesudahnya."
            )
            % {"date": date_format(session.petugas_may_edit_until(), "j F Y")},
        )
    return SheetAccess(False, why_not=_("Anda hanya dapat melihat daftar hadir ini."))


def notes_writable(user, session: Session, today: dt.date) -> bool:
    return (
        user.has_role(*NOTES_WRITERS)
        and session.status != Session.Status.CANCELLED
        and today >= session.local_date
    )
