"""Import from SDP exports: upload → preview with every row's errors → one commit.

The check and the commit run as background jobs (in the request when there is no broker)."""

from django.contrib import messages
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from participants import import_jobs
from participants import importing
from participants import tasks
from participants.forms import ImportUploadForm
from participants.import_jobs import SAMPLE_ROWS
from participants.models import ImportJob
from participants.permissions import can_write
from rutan.jobs import job_enqueue
from rutan.middleware import UPLOAD_FORM_OVERHEAD
from rutan.middleware import body_limit
from rutan.models import Facility

# The pending upload of this browser session: token, extension, original name, facility.
SESSION_KEY = "participant_import"


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
            job = import_jobs.import_job_create(
                facility=facility,
                user=request.user,
                token=token,
                extension=extension,
                source_name=upload.name,
            )
            request.session[SESSION_KEY] = {
                "token": token,
                "extension": extension,
                "name": upload.name[:200],
                "facility": facility.pk,
                "job": str(job.pk),
            }
            job_enqueue(tasks.import_check, str(job.pk))
            return redirect("participants:import_preview")
    pending = _pending(request)
    return render(
        request,
        "participants/import_start.html",
        {
            "form": form,
            "columns": importing.COLUMNS,
            "pending": pending[0] if pending else None,
            "recent_jobs": ImportJob.objects.filter(created_by=request.user)[:5],
        },
    )


def _pending(request: HttpRequest):
    """The session's import job and its facility; None when there is none."""
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return None
    facility = Facility.objects.visible_to(request.user).filter(pk=pending.get("facility")).first()
    job = ImportJob.objects.filter(
        pk=pending.get("job"), created_by=request.user, facility=facility
    ).first()
    if (
        job is None
        or facility is None
        or job.status
        in (
            ImportJob.Status.FAILED,
            ImportJob.Status.CANCELLED,
            ImportJob.Status.DONE,
        )
    ):
        if job is not None and job.status == ImportJob.Status.FAILED:
            messages.error(request, job.message)
        request.session.pop(SESSION_KEY, None)
        return None
    return pending, facility, job


def _forget_pending(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if not pending:
        return
    job = ImportJob.objects.filter(pk=pending.get("job"), created_by=request.user).first()
    if job is not None:
        import_jobs.import_job_cancel(job=job)
    else:
        importing.discard(pending.get("token"), pending.get("extension"))


def _still_running(request: HttpRequest, job: ImportJob) -> HttpResponse:
    """A page that asks again every second (htmx) and moves on when the job has finished."""
    return render(
        request,
        "participants/import_progress.html",
        {"job": job, "poll_url": request.get_full_path()},
    )


@can_write
@never_cache
def import_preview(request: HttpRequest) -> HttpResponse:
    found = _pending(request)
    if found is None:
        if request.htmx:
            return HttpResponseClientRedirect(reverse("participants:import"))
        messages.info(request, _("Tidak ada berkas yang menunggu untuk diimpor."))
        return redirect("participants:import")
    pending, facility, job = found
    if job.is_running:
        return _still_running(request, job)
    if request.htmx:
        return HttpResponseClientRedirect(request.path)
    preview = import_jobs.stored_preview(job)
    return render(
        request,
        "participants/import_preview.html",
        {
            "pending": pending,
            "facility": facility,
            "job": job,
            "preview": preview,
            "summary": job.summary,
            "seconds": preview.seconds,
            "sample": preview.sample,
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
    _pending_data, _facility, job = found
    if job.status != ImportJob.Status.CHECKED:
        return redirect("participants:import_preview")
    try:
        expect_create = int(request.POST.get("expect_create", ""))
        expect_update = int(request.POST.get("expect_update", ""))
    except ValueError:
        return redirect("participants:import_preview")
    job.mark_saving()
    job_enqueue(tasks.import_save, str(job.pk), expect_create, expect_update)
    job.refresh_from_db()
    return _after_save(request, job)


def _after_save(request: HttpRequest, job: ImportJob) -> HttpResponse:
    """Where the person goes once the save has been asked for (or has finished)."""
    if job.is_running:
        return redirect("participants:import_job", pk=job.pk)
    if job.status == ImportJob.Status.DONE:
        request.session.pop(SESSION_KEY, None)
        messages.success(request, done_message(job))
        return redirect("participants:list")
    if job.status == ImportJob.Status.FAILED:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, job.message)
        return redirect("participants:import")
    if job.changed_since_preview:
        messages.warning(
            request, _("Data berubah sejak pratinjau ditampilkan. Periksa lagi sebelum menyimpan.")
        )
    elif job.message:
        messages.error(request, job.message)
    return redirect("participants:import_preview")


def done_message(job: ImportJob) -> str:
    return _(
        "Impor selesai: %(create)s warga binaan baru, %(update)s diperbarui, "
        "%(unchanged)s tidak berubah."
    ) % {
        "create": job.written.get("create", 0),
        "update": job.written.get("update", 0),
        "unchanged": job.written.get("unchanged", 0),
    }


@can_write
@never_cache
def import_job(request: HttpRequest, pk) -> HttpResponse:
    """One import of this person's, wherever it stands: they may leave and come back here."""
    job = get_object_or_404(
        ImportJob.objects.select_related("facility").visible_to(request.user),
        pk=pk,
        created_by=request.user,
    )
    if job.is_running:
        return _still_running(request, job)
    if request.htmx:
        return HttpResponseClientRedirect(request.path)
    is_pending = str(job.pk) == (request.session.get(SESSION_KEY) or {}).get("job")
    return render(
        request,
        "participants/import_job.html",
        {
            "job": job,
            "done_message": done_message(job) if job.written else "",
            "is_pending": is_pending,
        },
    )


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
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"templat-impor-warga-binaan.{fmt}"
    )
    return response
