"""Large PDFs as background jobs: the monthly report, the PP 25/2011 recap, the TPP dossier.

With a broker a worker renders the PDF and keeps it in Django's storage; the person's page polls
until it is ready (rehab/views/report_jobs.py). Without one the views render in the request, as
before. The worker checks the person's scope again: rights lost meanwhile mean no file.
"""

import datetime as dt
import logging
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _

from participants.models import IntegrationProgramme
from rehab.models import ReportJob
from rehab.reports.dossier import dossier_for
from rehab.reports.dossier import render_dossier_pdf
from rehab.reports.figures import monthly_report
from rehab.reports.pdf import kept_monthly_report_pdf
from rehab.reports.pdf import render_recap_pdf
from rehab.reports.recap_pdf import recap_for
from rehab.reports.recap_pdf import recap_title
from rutan.celery import app
from rutan.models import Facility

logger = logging.getLogger("pulih.jobs")

JOB_DIR = "reports/jobs"


def runs_in_background() -> bool:
    """Whether a worker renders PDFs (a broker is configured)."""
    return not app.conf.task_always_eager


def _monthly(user, params: dict) -> bytes:
    facility = Facility.objects.get_visible(user, code=params["facility"])
    report = monthly_report(facility=facility, month=dt.date(params["year"], params["month"], 1))
    return kept_monthly_report_pdf(report, printed_on=_printed_on(params))


def _recap(user, params: dict) -> bytes:
    recap = recap_for(user, params["scope"], params["period"])
    return render_recap_pdf(
        recap, title=recap_title(recap), printed_by=user, printed_on=_printed_on(params)
    )


def _dossier(user, params: dict) -> bytes:
    integration = IntegrationProgramme.objects.select_related(
        "participant__facility", "guarantor"
    ).get_visible(user, pk=params["integration"])
    dossier = dossier_for(integration, printed_on=_printed_on(params), viewer=user)
    return render_dossier_pdf(dossier)


def _printed_on(params: dict) -> dt.date:
    return dt.date.fromisoformat(params["printed_on"])


RENDERERS = {
    ReportJob.Kind.MONTHLY: _monthly,
    ReportJob.Kind.RECAP: _recap,
    ReportJob.Kind.DOSSIER: _dossier,
}


def report_job_create(*, user, kind: str, params: dict, filename: str) -> ReportJob:
    """A job for a PDF the user asked for (in scope: the view checked); the caller queues it."""
    return ReportJob.objects.create(
        created_by=user,
        kind=kind,
        params=params,
        filename=filename,
        language=translation.get_language() or "id",
    )


def report_job_render(*, job_id) -> None:
    """Render the job's PDF in the language it was asked in, and keep the file."""
    job = ReportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or not job.is_running:
        return  # already rendered (a redelivered task) or removed: nothing to do
    started = time.perf_counter()
    try:
        with translation.override(job.language):
            pdf = RENDERERS[job.kind](job.created_by, job.params)
    except Http404:
        job.mark_failed(_("Laporan ini tidak lagi dapat Anda buka."))
        logger.info("report %s: refused (out of scope)", job.pk)
        return
    except Exception:
        logger.exception("report %s: rendering failed", job.pk)
        job.mark_failed(_("PDF gagal dibuat. Coba lagi; bila tetap gagal, hubungi administrator."))
        return
    name = default_storage.save(f"{JOB_DIR}/{job.pk}.pdf", ContentFile(pdf))
    job.mark_done(name)
    logger.info(
        "report %s: %s, %d bytes in %.1f s",
        job.pk,
        job.kind,
        len(pdf),
        time.perf_counter() - started,
    )


def report_jobs_remove_old(*, older_than: dt.timedelta) -> int:
    """Delete finished jobs older than `older_than` and their files; returns how many."""
    old = ReportJob.objects.filter(created_at__lt=timezone.now() - older_than)
    for name in old.exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)
    return old.delete()[0]
