"""Home-page cards: petugas see the week's sheets to fill, facilitators the notes to write."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from participants.selectors import court_days
from rutan.home import Panel
from rutan.roles import FACILITY_ROLES
from rutan.roles import Role
from sessions.models import Session
from sessions.selectors import calendar_sessions
from sessions.selectors import facility_today
from sessions.selectors import sessions_for

PANEL_ROWS = 8


def _staff_panels(user) -> list[Panel]:
    facility = user.facility
    today = facility_today(facility)
    monday = today - dt.timedelta(days=today.weekday())
    week = calendar_sessions(user, facility, monday, monday + dt.timedelta(days=6))
    start_of_today = dt.datetime.combine(today, dt.time.min, tzinfo=ZoneInfo(facility.timezone))
    to_record = list(
        sessions_for(user)
        .filter(
            cohort__programme__facility=facility,
            starts_at__lt=start_of_today,
            attendance_version=0,
        )
        .exclude(status=Session.Status.CANCELLED)
        .order_by("-starts_at")[:PANEL_ROWS]
    )
    context = {
        "today": today,
        "today_sessions": [s for s in week if s.local_date == today],
        "week_sessions": [s for s in week if s.local_date != today],
        "to_record": to_record,
        "court_days": court_days(facility, monday, monday + dt.timedelta(days=6)),
    }
    return [Panel("sessions/_home_staff.html", context, order=5)]


def _facilitator_panels(user) -> list[Panel]:
    now = timezone.now()
    visible = sessions_for(user).exclude(status=Session.Status.CANCELLED)
    upcoming = visible.filter(
        starts_at__gte=now - dt.timedelta(hours=12), starts_at__lt=now + dt.timedelta(days=7)
    ).order_by("starts_at")[:PANEL_ROWS]
    notes_due = visible.filter(starts_at__lt=now, notes_at__isnull=True).order_by("-starts_at")
    total = notes_due.count()
    # The card shows the latest few; the oldest, out of sight, gets a link of its own.
    oldest = notes_due.reverse().first() if total > PANEL_ROWS else None
    return [
        Panel("sessions/_home_upcoming.html", {"sessions": list(upcoming)}, order=5),
        Panel(
            "sessions/_home_notes_due.html",
            {"sessions": list(notes_due[:PANEL_ROWS]), "total": total, "oldest": oldest},
            order=6,
        ),
    ]


def panels(user) -> list[Panel]:
    if user.facility_id and user.has_role(*FACILITY_ROLES):
        return _staff_panels(user)
    if user.has_role(Role.FASILITATOR):
        return _facilitator_panels(user)
    if user.has_role(Role.ADMIN):
        now = timezone.now()
        upcoming = (
            sessions_for(user)
            .filter(starts_at__gte=now, starts_at__lt=now + dt.timedelta(days=7))
            .exclude(status=Session.Status.CANCELLED)
            .order_by("starts_at")[:PANEL_ROWS]
        )
        return [Panel("sessions/_home_upcoming.html", {"sessions": list(upcoming)}, order=5)]
    return []
