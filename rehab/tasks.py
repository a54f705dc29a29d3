"""Scheduled jobs of the programme reports (celery beat, see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from rehab.reports.summary import summaries_refresh, summary_months


@shared_task(name="rehab.tasks.summaries_refresh")
def summaries_refresh_run(everything: bool = False) -> dict:
    """Recount the oversight summary: this and last month, or every month."""
    return summaries_refresh(months=summary_months(everything=everything))
