"""The one-screen attendance sheet, its printable PDF and its history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.permissions import role_required
from sessions.forms import AttendanceSheetForm
from sessions.models import Attendance
from sessions.pdf import attendance_sheet_pdf
from sessions.permissions import SHEET_READERS
from sessions.permissions import attendance_access
from sessions.selectors import attendance_counts
from sessions.selectors import attendance_history
from sessions.selectors import attendance_sheet
from sessions.selectors import get_session_for
from sessions.selectors import session_roster
from sessions.selectors import with_facilitators
from sessions.services import AttendanceConflict
from sessions.services import attendance_record


@role_required(*SHEET_READERS)
@require_http_methods(["GET", "POST"])
def attendance_sheet_view(request: HttpRequest, pk: int) -> HttpResponse:
    # A save that succeeds shows no page: it reads neither the facilitators nor the rows.
    session = get_session_for(request.user, pk, facilitators=request.method == "GET")
    access = attendance_access(request.user, session, session.facility_today())
    if request.method == "GET":
        rows = attendance_sheet(session)
        initial = AttendanceSheetForm.initial_for(rows, session.attendance_version)
        form = _sheet_form(access, [row.participant for row in rows], initial=initial)
        return _sheet_page(request, session, access, form, rows)
    if not access.can_edit:
        raise PermissionDenied
    data = request.POST.copy()
    if data.get("action") == "all_present":
        return _all_present(request, session, access, data)
    form = _sheet_form(access, list(session_roster(session)), data=data)
    if not form.is_valid():
        stale = data.get("version") != str(session.attendance_version)
        return _sheet_page(request, session, access, form, status=400, stale=stale)
    try:
        attendance_record(
            session=session,
            entries=form.entries(),
            version=form.cleaned_data["version"],
            by=request.user,
            change_reason=form.cleaned_data.get("change_reason", ""),
            roster={participant.pk for participant in form.participants},
        )
    except AttendanceConflict as conflict:
        # Keep everything typed; a second save deliberately applies it.
        data["version"] = str(conflict.version)
        form = _sheet_form(access, form.participants, data=data)
        form.is_valid()
        return _sheet_page(request, session, access, form, conflict=conflict, status=409)
    messages.success(request, _("Daftar hadir tersimpan."))
    return redirect("sessions:detail", pk=session.pk)


def _sheet_form(access, participants, *, data=None, initial=None) -> AttendanceSheetForm:
    """The sheet's form for `participants`, asking a reason when `access` needs one."""
    return AttendanceSheetForm(
        data, initial=initial, participants=participants, needs_reason=access.needs_reason
    )


def _all_present(request: HttpRequest, session, access, data) -> HttpResponse:
    """Without JavaScript: fill every row with "present", keep the reasons typed, save nothing.
    Someone expected at court stays "sidang" unless changed by hand."""
    rows = attendance_sheet(session)
    at_court = {row.participant.pk for row in rows if row.hearing and not row.attendance}
    participants = [row.participant for row in rows]
    for participant in participants:
        kept = data.get(f"status_{participant.pk}") == Attendance.Status.COURT
        if participant.pk in at_court and kept:
            continue
        data[f"status_{participant.pk}"] = Attendance.Status.PRESENT
    form = _sheet_form(access, participants, initial=data.dict())
    return _sheet_page(request, session, access, form, rows)


def _sheet_page(
    request, session, access, form, rows=None, *, conflict=None, stale=False, status=200
) -> HttpResponse:
    """The sheet with `form`; `rows` read now (for the form's participants) unless given."""
    if rows is None:
        rows = attendance_sheet(session, roster=form.participants)
    context = {
        "session": with_facilitators(session),
        "access": access,
        "form": form,
        "rows": form.rows(rows),
        "conflict": conflict,
        "conflict_ids": {row.participant.pk for row in conflict.rows} if conflict else set(),
        "stale": stale,
        "status_choices": Attendance.Status.choices,
        "reason_statuses": " ".join(sorted(Attendance.REASON_REQUIRED)),
        "reason_takers": " ".join(sorted(Attendance.TAKES_REASON)),
        "common_reasons": list(Attendance.COMMON_REASONS.items()),
        "counts": attendance_counts(session),
    }
    return render(request, "sessions/attendance_sheet.html", context, status=status)


@role_required(*SHEET_READERS)
@require_GET
def attendance_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The daftar hadir to print and sign, with what is recorded so far (same readers as the
    sheet: facilitators see attendance on their notes page, not the signed list)."""
    session = get_session_for(request.user, pk)
    pdf = attendance_sheet_pdf(session=session, rows=attendance_sheet(session))
    audit_record(
        user=request.user,
        action=AuditAction.ATTENDANCE_DOWNLOAD,
        obj=session,
        facility_id=session.cohort.programme.facility_id,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"daftar-hadir-{session.local_date:%Y-%m-%d}-{session.pk}.pdf"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=filename
    )
    return response


@role_required(*SHEET_READERS)
@require_GET
def attendance_history_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for(request.user, pk)
    return render(
        request,
        "sessions/attendance_history.html",
        {"session": session, "records": attendance_history(session)[:500]},
    )
