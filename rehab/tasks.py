"""Celery tasks of the rehab app: large PDFs rendered outside the request."""

from celery import shared_task

from rehab.reports import jobs


@shared_task(name="rehab.tasks.report_pdf")
def report_pdf(job_id: str) -> None:
    jobs.report_job_render(job_id=job_id)
