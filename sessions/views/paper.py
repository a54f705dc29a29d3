"""The paper daftar hadir read back: upload a photo or scan, check what was read, save it."""

import cv2
import numpy as np
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from rutan.permissions import role_required
from sessions import omr
from sessions.forms import SheetScanConfirmForm
from sessions.forms import SheetScanUploadForm
from sessions.permissions import SHEET_READERS
from sessions.permissions import attendance_access
from sessions.selectors import get_session_for
from sessions.selectors import get_sheet_scan_for
from sessions.selectors import sheet_scan_rows
from sessions.services import AttendanceConflict
from sessions.services import SheetRefused
from sessions.services import sheet_scan_confirm
from sessions.services import sheet_scan_create


def _editable_session(request: HttpRequest, pk: int):
    """The session, if this user may save its attendance today (else 404 or 403)."""
    session = get_session_for(request.user, pk)
    access = attendance_access(request.user, session, session.facility_today())
    if not access.can_edit:
        raise PermissionDenied(access.why_not)
    return session, access


@role_required(*SHEET_READERS)
@require_http_methods(["GET", "POST"])
def sheet_scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    session, _access = _editable_session(request, pk)
    form = SheetScanUploadForm()
    error = ""
    status = 200
    if request.method == "POST":
        form = SheetScanUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                scan = sheet_scan_create(
                    session=session, files=form.cleaned_data["files"], by=request.user
                )
            except (SheetRefused, omr.SheetUnreadable) as refused:
                error, status = str(refused), 400
            else:
                return redirect("sessions:sheet_scan", pk=session.pk, scan_pk=scan.pk)
        else:
            status = 400
    return render(
        request,
        "sessions/sheet_scan_upload.html",
        {"session": session, "form": form, "error": error},
        status=status,
    )


@role_required(*SHEET_READERS)
@require_http_methods(["GET", "POST"])
def sheet_scan_review(request: HttpRequest, pk: int, scan_pk: int) -> HttpResponse:
    session, access = _editable_session(request, pk)
    scan = get_sheet_scan_for(session, scan_pk)
    if scan.is_confirmed:
        messages.info(request, _("Pindaian ini sudah disimpan ke daftar hadir."))
        return redirect("sessions:attendance", pk=session.pk)
    rows = sheet_scan_rows(scan)
    kwargs = {"rows": rows, "needs_reason": access.needs_reason}
    form = SheetScanConfirmForm(**kwargs)
    conflict = None
    status = 200
    if request.method == "POST":
        form = SheetScanConfirmForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                sheet_scan_confirm(
                    scan=scan,
                    entries=form.entries(),
                    by=request.user,
                    change_reason=form.cleaned_data.get("change_reason", ""),
                )
            except AttendanceConflict as error:
                conflict, status = error, 409
            except SheetRefused as refused:
                messages.error(request, str(refused))
                return redirect("sessions:attendance", pk=session.pk)
            else:
                messages.success(request, _("Daftar hadir dari lembar kertas tersimpan."))
                return redirect("sessions:detail", pk=session.pk)
        else:
            status = 400
    return render(
        request,
        "sessions/sheet_scan_review.html",
        {
            "session": session,
            "scan": scan,
            "form": form,
            "rows": form.bound_rows(),
            "unsure_count": sum(1 for row in rows if row["unsure"]),
            "conflict": conflict,
        },
        status=status,
    )


@role_required(*SHEET_READERS)
@require_GET
def sheet_scan_row_image(request: HttpRequest, pk: int, scan_pk: int, index: int) -> HttpResponse:
    """The crop of one row from the straightened page: the evidence beside its reading."""
    session = get_session_for(request.user, pk)
    scan = get_sheet_scan_for(session, scan_pk)
    if not 0 <= index < len(scan.readings):
        raise Http404
    reading = scan.readings[index]
    with default_storage.open(scan.pages[reading["page"]], "rb") as handle:
        data = handle.read()
    page = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    ok, png = cv2.imencode(".png", omr.row_crop(page, reading["row"]))
    response = HttpResponse(png.tobytes(), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response
