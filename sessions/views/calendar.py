"""The week and month calendars of a facility, and one session's page."""

import calendar
import datetime as dt
from collections.abc import Callable
from functools import wraps

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from participants.permissions import READ_ROLES as PARTICIPANT_READERS
from participants.selectors import court_days
from rutan.dates import previous_month
from rutan.dates import query_day
from rutan.dates import query_month
from rutan.models import Facility
from rutan.permissions import role_required
from rutan.roles import ALL_ROLES
from sessions.models import Session
from sessions.permissions import NOTES_READERS
from sessions.permissions import SCHEDULERS
from sessions.permissions import SHEET_READERS
from sessions.selectors import SEARCH_LIMIT
from sessions.selectors import attendance_counts
from sessions.selectors import calendar_sessions
from sessions.selectors import facilities_for
from sessions.selectors import facility_today
from sessions.selectors import get_session_for
from sessions.selectors import nearest_session
from sessions.selectors import observations_for
from sessions.selectors import session_search

# "Ke tanggal" comes from the date picker as 2026-11-30; typed by hand it may be 30/11/2026.
TYPED_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y")


def _pick_facility(request: HttpRequest, facilities: list[Facility]) -> Facility | None:
    wanted = request.GET.get("upt", "")
    for facility in facilities:
        if facility.code == wanted:
            return facility
    if request.user.facility_id:
        for facility in facilities:
            if facility.pk == request.user.facility_id:
                return facility
    return facilities[0] if facilities else None


def _by_day(sessions: list[Session]) -> dict[dt.date, list[Session]]:
    days: dict[dt.date, list[Session]] = {}
    for session in sessions:
        days.setdefault(session.local_date, []).append(session)
    return days


def _calendar_context(request: HttpRequest, facilities: list[Facility], facility) -> dict:
    return {
        "facilities": facilities,
        "facility": facility,
        "can_schedule": request.user.has_role(*SCHEDULERS),
    }


def _typed_day(raw: str) -> dt.date | None:
    """The day asked for in "Ke tanggal", within the bounds of every calendar date."""
    day = query_day(raw)
    for fmt in TYPED_DATE_FORMATS:
        if day is not None:
            break
        try:
            day = query_day(dt.datetime.strptime(raw, fmt).date().isoformat())
        except ValueError:
            continue
    return day


def _find(request: HttpRequest, facility: Facility) -> dict:
    """Jump to a date and search, on both calendars: the day asked for (or None), a message
    when it cannot be read, and the sessions matching the search (None without one)."""
    raw_day = request.GET.get("tanggal", "").strip()[:40]
    query = request.GET.get("cari", "").strip()[:100]
    day = _typed_day(raw_day) if raw_day else None
    return {
        "jump_day": day,
        "jump_value": day.isoformat() if day else "",
        "jump_error": _(
            "Tanggal “%(value)s” tidak dikenali atau di luar rentang kalender. Pilih tanggal "
            "dari kalender, atau tulis seperti 30/11/2026."
        )
        % {"value": raw_day}
        if raw_day and day is None
        else "",
        "query": query,
        "results": session_search(request.user, facility, query) if query else None,
        "search_limit": SEARCH_LIMIT,
    }


def _calendar_start(request: HttpRequest) -> tuple[Facility | None, dict]:
    """The facility a calendar page shows, and the context it starts from: with the search
    and the facility's today when there is a facility."""
    facilities = facilities_for(request.user)
    facility = _pick_facility(request, facilities)
    context = _calendar_context(request, facilities, facility)
    if facility is not None:
        context.update(_find(request, facility), today=facility_today(facility))
    return facility, context


def _calendar_page(template: str) -> Callable:
    """A calendar page open to every role: `fill(request, facility, context)` adds what the
    page shows of the chosen facility; with no facility to show, only the picker is shown."""

    def decorator(fill: Callable[[HttpRequest, Facility, dict], None]) -> Callable:
        @role_required(*ALL_ROLES)
        @require_GET
        @wraps(fill)
        def view(request: HttpRequest) -> HttpResponse:
            facility, context = _calendar_start(request)
            if facility is not None:
                fill(request, facility, context)
            return render(request, template, context)

        return view

    return decorator


def _week(first: dt.date, by_day: dict) -> list[tuple[dt.date, list]]:
    """Seven days from `first`, each with its sessions."""
    days = [first + dt.timedelta(days=i) for i in range(7)]
    return [(day, by_day.get(day, [])) for day in days]


@_calendar_page("sessions/week.html")
def session_list(request: HttpRequest, facility: Facility, context: dict) -> None:
    """The week view: Monday to Sunday of the chosen (or current) week, in the facility's zone."""
    today = context["today"]
    day = context["jump_day"] or query_day(request.GET.get("minggu")) or today
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    by_day = _by_day(calendar_sessions(request.user, facility, monday, sunday))
    context.update(
        today=today,
        monday=monday,
        sunday=sunday,
        days=_week(monday, by_day),
        previous_week=monday - dt.timedelta(days=7),
        next_week=monday + dt.timedelta(days=7),
        session_count=sum(len(items) for items in by_day.values()),
    )
    if not context["session_count"]:
        context["nearest"] = nearest_session(request.user, facility, sunday)
    if request.user.has_role(*PARTICIPANT_READERS):
        context["court_days"] = court_days(facility, monday, sunday)


@_calendar_page("sessions/month.html")
def session_month(request: HttpRequest, facility: Facility, context: dict) -> None:
    """The month view: a grid of weeks, each day with its sessions."""
    today = context["today"]
    jump = context["jump_day"]
    first = jump.replace(day=1) if jump else query_month(request.GET.get("bulan"))
    first = first or today.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    grid_start = first - dt.timedelta(days=first.weekday())
    grid_end = last + dt.timedelta(days=6 - last.weekday())
    by_day = _by_day(calendar_sessions(request.user, facility, grid_start, grid_end))
    weeks = []
    day = grid_start
    while day <= grid_end:
        weeks.append(_week(day, by_day))
        day += dt.timedelta(days=7)
    context.update(
        today=today,
        month=first,
        weeks=weeks,
        previous_month=previous_month(first),
        next_month=last + dt.timedelta(days=1),
        session_count=sum(len(items) for d, items in by_day.items() if first <= d <= last),
    )


@role_required(*ALL_ROLES)
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for(request.user, pk)
    user = request.user
    context = {
        "session": session,
        "can_schedule": user.has_role(*SCHEDULERS) and session.is_planned,
        "can_catch_up": user.has_role(*SCHEDULERS) and session.status == Session.Status.HELD,
        "can_open_sheet": user.has_role(*SHEET_READERS),
        "can_open_notes": user.has_role(*NOTES_READERS),
        "counts": attendance_counts(session) if session.attendance_recorded else None,
        "catch_ups": list(session.catch_ups.order_by("starts_at")),
        "invited": list(session.invited.order_by("name")) if session.is_catch_up else [],
        # Only those allowed by the observation rule see them (never petugas).
        "observations": list(
            observations_for(user)
            .filter(session=session)
            .select_related("participant")
            .order_by("participant__name")
        ),
    }
    return render(request, "sessions/detail.html", context)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The offline service worker, served under /sesi/ so that it may keep the sheet pages."""
    path = finders.find("js/sw.js")
    with open(path, encoding="utf-8") as handle:
        response = HttpResponse(handle.read(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    # The browser fetches this script on its own (registration, update checks): that is not
    # the user's activity and must not move the session's expiry, or idle sign-out never
    # comes. Without a session object, SessionMiddleware leaves the response alone.
    request.session = None
    return response
