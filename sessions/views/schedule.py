"""Planning sessions: single or weekly, cancelling, moving, and catch-up sessions."""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rutan.permissions import role_required
from rutan.submissions import saved_once
from sessions.forms import CatchUpForm
from sessions.forms import SessionCancelForm
from sessions.forms import SessionRescheduleForm
from sessions.forms import SessionScheduleForm
from sessions.models import Attendance
from sessions.models import Session
from sessions.permissions import SCHEDULERS
from sessions.permissions import may_confirm_overlap
from sessions.selectors import get_session_for
from sessions.selectors import session_roster
from sessions.services import ScheduleClash
from sessions.services import ScheduleError
from sessions.services import session_cancel
from sessions.services import session_catch_up_create
from sessions.services import session_reschedule
from sessions.services import session_schedule

T = TypeVar("T")


def _overlap_allowed(request: HttpRequest) -> bool:
    """The kepala ticked "schedule it anyway" after being shown the clash."""
    return may_confirm_overlap(request.user) and request.POST.get("confirm_overlap") == "1"


def _attempt(form: Form, plan: Callable[[], T]) -> tuple[T | None, ScheduleClash | None]:
    """Run a planning service: a clash comes back to be shown, any other refusal is a form error."""
    try:
        return plan(), None
    except ScheduleClash as clash:
        return None, clash
    except ScheduleError as error:
        form.add_error(None, str(error))
        return None, None


def _plan_on_submit(
    request: HttpRequest, form: Form, plan: Callable[[dict], T]
) -> tuple[T | None, ScheduleClash | None]:
    """On a valid submission, run `plan` with the form's data (as `_attempt` does)."""
    if request.method != "POST" or not form.is_valid():
        return None, None
    return _attempt(form, lambda: plan(form.cleaned_data))


def _slot(data: dict) -> dict:
    """The day and times a planning form chose, as the planning services take them."""
    return {"day": data["date"], "start_time": data["start_time"], "end_time": data["end_time"]}


def _render_form(
    request: HttpRequest, template: str, context: dict, clash: ScheduleClash | None
) -> HttpResponse:
    """The planning form again, with the clash (409) and whether the user may schedule over it."""
    context = {**context, "clash": clash, "can_confirm_overlap": may_confirm_overlap(request.user)}
    return render(request, template, context, status=409 if clash else 200)


def _local_times(session: Session) -> dict:
    """The session's start and end times on the facility's clock, as form initial values."""
    return {
        "start_time": session.starts_at.astimezone(session.zone).time(),
        "end_time": session.ends_at.astimezone(session.zone).time(),
    }


def _week_url(session: Session) -> str:
    query = urlencode(
        {"minggu": session.local_date.isoformat(), "upt": session.cohort.programme.facility.code}
    )
    return f"{reverse('sessions:list')}?{query}"


@role_required(*SCHEDULERS)
@require_http_methods(["GET", "POST"])
@saved_once
def session_create(request: HttpRequest) -> HttpResponse:
    form = SessionScheduleForm(
        request.POST or None,
        user=request.user,
        initial={"start_time": "09:00", "end_time": "11:00"},
    )

    def plan(data: dict) -> list[Session]:
        cohort = data["cohort"]
        return session_schedule(
            cohort=cohort,
            days=form.days(),
            start_time=data["start_time"],
            end_time=data["end_time"],
            module=data["module"],
            sequential_modules=data["sequential_modules"],
            title=data["title"],
            place=data["place"],
            facilitators=list(data["facilitators"]) or list(cohort.facilitators.all()),
            allow_overlap=_overlap_allowed(request),
            by=request.user,
        )

    sessions, clash = _plan_on_submit(request, form, plan)
    if sessions is not None:
        cohort = form.cleaned_data["cohort"]
        messages.success(
            request,
            _("%(n)s sesi dijadwalkan untuk %(cohort)s.") % {"n": len(sessions), "cohort": cohort},
        )
        sessions[0].cohort = cohort
        return redirect(_week_url(sessions[0]))
    return _render_form(request, "sessions/schedule_form.html", {"form": form}, clash)


def _while_planned(view):
    """The view of a session still to come, given the session (in the user's scope). A link to
    it once the session has taken place or been cancelled (an old tab, a bookmark) goes back to
    the session saying why, instead of a form that can only refuse; a submitted form still gets
    the service's refusal, with what was typed kept."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        session = get_session_for(request.user, pk)
        if request.method == "GET" and not session.is_planned:
            messages.info(
                request, _("Sesi ini tidak lagi terjadwal: tidak dapat diubah jadwalnya.")
            )
            return redirect("sessions:detail", pk=session.pk)
        return view(request, session)

    return wrapper


@role_required(*SCHEDULERS)
@require_http_methods(["GET", "POST"])
@_while_planned
def session_cancel_view(request: HttpRequest, session: Session) -> HttpResponse:
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session_cancel(session=session, reason=form.cleaned_data["reason"], by=request.user)
        except ScheduleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Sesi dibatalkan."))
            return redirect("sessions:detail", pk=session.pk)
    return render(request, "sessions/cancel_form.html", {"session": session, "form": form})


@role_required(*SCHEDULERS)
@require_http_methods(["GET", "POST"])
@_while_planned
def session_reschedule_view(request: HttpRequest, session: Session) -> HttpResponse:
    form = SessionRescheduleForm(
        request.POST or None,
        in_series=bool(session.series),
        initial={
            "date": session.starts_at.astimezone(session.zone).date(),
            **_local_times(session),
        },
    )
    moved, clash = _plan_on_submit(
        request,
        form,
        lambda data: session_reschedule(
            session=session,
            **_slot(data),
            following=data.get("following", False),
            reason=data["reason"],
            allow_overlap=_overlap_allowed(request),
            by=request.user,
        ),
    )
    if moved is not None:
        messages.success(request, _("%(n)s sesi dijadwalkan ulang.") % {"n": len(moved)})
        return redirect("sessions:detail", pk=session.pk)
    context = {"session": session, "form": form}
    return _render_form(request, "sessions/reschedule_form.html", context, clash)


@role_required(*SCHEDULERS)
@require_http_methods(["GET", "POST"])
@saved_once
def session_catch_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan a sesi susulan for participants who missed `pk`."""
    original = get_session_for(request.user, pk)
    roster = session_roster(original)
    missed = original.attendances.exclude(status__in=list(Attendance.ATTENDED)).values_list(
        "participant_id", flat=True
    )
    form = CatchUpForm(
        request.POST or None,
        roster=roster,
        partner_id=original.cohort.programme.partner_id,
        initial={
            "participants": list(missed),
            **_local_times(original),
            "place": original.place,
            "facilitators": list(original.facilitators.all()),
        },
    )
    session, clash = _plan_on_submit(
        request,
        form,
        lambda data: session_catch_up_create(
            original=original,
            **_slot(data),
            participants=data["participants"],
            place=data["place"],
            facilitators=data["facilitators"],
            allow_overlap=_overlap_allowed(request),
            by=request.user,
        ),
    )
    if session is not None:
        messages.success(request, _("Sesi susulan dijadwalkan."))
        return redirect("sessions:detail", pk=session.pk)
    context = {"session": original, "form": form}
    return _render_form(request, "sessions/catch_up_form.html", context, clash)
