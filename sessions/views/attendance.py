"""The one-screen attendance sheet, its printable PDF and its history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rutan.audit import AuditAction, audit_record
from rutan.permissions import role_required
from sessions.forms import AttendanceSheetForm
from sessions.models import Attendance
from sessions.pdf import attendance_sheet_pdf
from sessions.permissions import SHEET_READERS, attendance_access
from sessions.selectors import (
    attendance_counts,
    attendance_history,
    attendance_sheet,
    get_session_for,
)
from sessions.services import AttendanceConflict, attendance_record


@role_required(*SHEET_READERS)
@require_http_methods(["GET", "POST"])
def attendance_sheet_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for(request.user, pk)
    access = attendance_access(request.user, session, session.facility_today())
    rows = attendance_sheet(session)
    participants = [row.participant for row in rows]
    form_kwargs = {"participants": participants, "needs_reason": access.needs_reason}
    conflict = None
    stale = False
    status = 200

    if request.method == "POST":
        if not access.can_edit:
            raise PermissionDenied
        data = request.POST.copy()
        if data.get("action") == "all_present":
            # Without JavaScript: fill every row with "present", keep the reasons typed, save nothing.
            # Someone expected at court stays "sidang" unless changed by hand.
            at_court = {row.participant.pk for row in rows if row.hearing and not row.attendance}
            for participant in participants:
                kept = data.get(f"status_{participant.pk}") == Attendance.Status.COURT
                if participant.pk in at_court and kept:
                    continue
                data[f"status_{participant.pk}"] = Attendance.Status.PRESENT
            form = AttendanceSheetForm(initial=data.dict(), **form_kwargs)
        else:
            form = AttendanceSheetForm(data, **form_kwargs)
            if form.is_valid():
                try:
                    attendance_record(
                        session=session,
                        entries=form.entries(),
                        version=form.cleaned_data["version"],
                        by=request.user,
                        change_reason=form.cleaned_data.get("change_reason", ""),
                    )
                except AttendanceConflict as error:
                    conflict = error
                    status = 409
                    # Keep everything typed; a second save deliberately applies it.
                    data["version"] = str(error.version)
                    form = AttendanceSheetForm(data, **form_kwargs)
                    form.is_valid()
                else:
                    messages.success(request, _("Daftar hadir tersimpan."))
                    return redirect("sessions:detail", pk=session.pk)
            else:
                status = 400
                stale = data.get("version") != str(session.attendance_version)
    else:
        form = AttendanceSheetForm(
            initial=AttendanceSheetForm.initial_for(rows, session.attendance_version),
            **form_kwargs,
        )

    conflict_ids = {row.participant.pk for row in conflict.rows} if conflict else set()
    context = {
        "session": session,
        "access": access,
        "form": form,
        "rows": form.rows(rows),
        "conflict": conflict,
        "conflict_ids": conflict_ids,
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
    response["Content-Disposition"] = f'inline; filename="{filename}"'
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
