"""A PDF asked for while a worker renders it: a page that polls, then the download.

Only the person who asked sees the job or downloads its file (anyone else: 404), and only while
they still hold a role that reads that kind of report.
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django_htmx.http import HttpResponseClientRedirect

from rehab import tasks
from rehab.models import ReportJob
from rehab.permissions import DOSSIER_ROLES
from rehab.permissions import OVERSIGHT_READERS
from rehab.permissions import REPORT_ROLES
from rehab.reports.jobs import report_job_create
from rehab.reports.jobs import runs_in_background
from rutan.jobs import job_enqueue

KIND_ROLES = {
    ReportJob.Kind.MONTHLY: REPORT_ROLES,
    ReportJob.Kind.RECAP: OVERSIGHT_READERS,
    ReportJob.Kind.DOSSIER: DOSSIER_ROLES,
}


def pdf_response(
    request: HttpRequest,
    *,
    kind: str,
    params: dict,
    filename: str,
    render: Callable[[], bytes],
    kept: Callable[[], bytes | None] = lambda: None,
) -> HttpResponse:
    """The PDF itself when there is no worker or it was rendered and kept already; else a
    queued job and its progress page."""
    pdf = kept() if runs_in_background() else render()
    if pdf is not None:
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=filename
        )
        return response
    job = report_job_create(user=request.user, kind=kind, params=params, filename=filename)
    job_enqueue(tasks.report_pdf, str(job.pk))
    return redirect("rehab:report_job", pk=job.pk)


def _own_job(request: HttpRequest, pk) -> ReportJob:
    job = get_object_or_404(ReportJob, pk=pk, created_by=request.user)
    if not request.user.has_role(*KIND_ROLES[job.kind]):
        raise Http404
    return job


@login_required
@never_cache
def report_job(request: HttpRequest, pk) -> HttpResponse:
    job = _own_job(request, pk)
    if request.htmx and not job.is_running:
        return HttpResponseClientRedirect(request.path)  # the whole page, with its link
    return render(request, "rehab/report_job.html", {"job": job})


@login_required
def report_job_download(request: HttpRequest, pk) -> HttpResponse:
    job = _own_job(request, pk)
    if job.status != ReportJob.Status.DONE:
        return redirect("rehab:report_job", pk=job.pk)
    try:
        handle = default_storage.open(job.file, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=job.filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
