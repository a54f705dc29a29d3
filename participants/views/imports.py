"""Import from SDP exports: upload → preview with every row's errors → one commit."""

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from participants import importing
from participants.forms import ImportUploadForm
from participants.views.common import can_write
from rutan.audit import AuditAction, audit_record
from rutan.middleware import UPLOAD_FORM_OVERHEAD, body_limit
from rutan.models import Facility
from rutan.scoping import scope_queryset

# The pending upload of this browser session: token, extension, original name, facility.
SESSION_KEY = "participant_import"
SAMPLE_ROWS = 100


@body_limit(importing.MAX_BYTES + UPLOAD_FORM_OVERHEAD)
@can_write
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    needs_facility = request.user.facility_id is None
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        needs_facility=needs_facility,
        max_mb=importing.MAX_BYTES // 1024 // 1024,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        facility = request.user.facility or form.cleaned_data["facility"]
        token = None
        try:
            extension = importing.check_upload(upload.name, upload.size)
            token = importing.store_upload(upload, extension)
            # Refuse a file that cannot be read at all now, rather than on the next page.
            importing.read_table(importing.stored_path(token, extension))
        except importing.ImportFileError as error:
            if token:
                importing.discard(token, extension)
            form.add_error("file", str(error))
        else:
            _forget_pending(request)
            request.session[SESSION_KEY] = {
                "token": token,
                "extension": extension,
                "name": upload.name[:200],
                "facility": facility.pk,
            }
            return redirect("participants:import_preview")
    return render(
        request,
        "participants/import_start.html",
        {"form": form, "columns": importing.COLUMNS, "pending": request.session.get(SESSION_KEY)},
    )


def _pending(request: HttpRequest):
    """The session's stored upload, its facility and its path; None when there is none."""
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return None
    path = importing.stored_path(pending.get("token"), pending.get("extension"))
    facility = (
        scope_queryset(request.user, Facility.objects.all(), facility="pk")
        .filter(pk=pending.get("facility"))
        .first()
    )
    if path is None or facility is None:
        request.session.pop(SESSION_KEY, None)
        return None
    return pending, facility, path


def _forget_pending(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        importing.discard(pending.get("token"), pending.get("extension"))


def _check(path, facility) -> tuple[importing.Preview, float]:
    started = time.perf_counter()
    preview = importing.check_rows(importing.read_table(path), facility)
    return preview, time.perf_counter() - started


@can_write
@never_cache
def import_preview(request: HttpRequest) -> HttpResponse:
    found = _pending(request)
    if found is None:
        messages.info(request, _("Tidak ada berkas yang menunggu untuk diimpor."))
        return redirect("participants:import")
    pending, facility, path = found
    try:
        preview, seconds = _check(path, facility)
    except importing.ImportFileError as error:
        _forget_pending(request)
        messages.error(request, str(error))
        return redirect("participants:import")
    valid = [row for row in preview.rows if not row.errors]
    return render(
        request,
        "participants/import_preview.html",
        {
            "pending": pending,
            "facility": facility,
            "preview": preview,
            "summary": preview.summary,
            "seconds": seconds,
            "sample": valid[:SAMPLE_ROWS],
            "sample_size": SAMPLE_ROWS,
        },
    )


@can_write
@require_POST
def import_commit(request: HttpRequest) -> HttpResponse:
    found = _pending(request)
    if found is None:
        messages.info(request, _("Tidak ada berkas yang menunggu untuk diimpor."))
        return redirect("participants:import")
    pending, facility, path = found
    try:
        # Checked again: the register may have changed since the preview was shown.
        preview, _seconds = _check(path, facility)
    except importing.ImportFileError as error:
        _forget_pending(request)
        messages.error(request, str(error))
        return redirect("participants:import")
    summary = preview.summary
    expected = (request.POST.get("expect_create"), request.POST.get("expect_update"))
    if expected != (str(summary["create"]), str(summary["update"])):
        messages.warning(
            request, _("Data berubah sejak pratinjau ditampilkan. Periksa lagi sebelum menyimpan.")
        )
        return redirect("participants:import_preview")
    try:
        written = importing.import_commit(
            preview=preview, facility=facility, user=request.user, source_name=pending["name"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("participants:import_preview")
    _forget_pending(request)
    audit_record(
        user=request.user,
        action=AuditAction.PARTICIPANT_IMPORT,
        obj=facility,
        facility_id=facility.pk,
        detail=f"{pending['name']}: {written['create']} baru, {written['update']} diperbarui",
    )
    messages.success(
        request,
        _(
            "Impor selesai: %(create)s warga binaan baru, %(update)s diperbarui, "
            "%(unchanged)s tidak berubah."
        )
        % {**written, "unchanged": summary["unchanged"]},
    )
    return redirect("participants:list")


@can_write
@require_POST
def import_cancel(request: HttpRequest) -> HttpResponse:
    _forget_pending(request)
    messages.info(request, _("Impor dibatalkan; berkas yang diunggah sudah dihapus."))
    return redirect("participants:import")


@can_write
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "csv":
        body, content_type = importing.template_csv(), "text/csv; charset=utf-8"
    else:
        body = importing.template_xlsx()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="templat-impor-warga-binaan.{fmt}"'
    return response
