"""Celery tasks of the rehab app: large PDFs rendered outside the request, and the scheduled
refresh of the oversight summary (celery beat, see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from rehab.reports import jobs
from rehab.reports.summary import summaries_refresh
from rehab.reports.summary import summary_months


@shared_task(name="rehab.tasks.report_pdf")
def report_pdf(job_id: str) -> None:
    jobs.report_job_render(job_id=job_id)


@shared_task(name="rehab.tasks.summaries_refresh")
def summaries_refresh_run(everything: bool = False) -> dict:
    """Recount the oversight summary: this and last month, or every month."""
    return summaries_refresh(months=summary_months(everything=everything))
