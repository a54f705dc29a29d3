"""Scheduled jobs (celery beat, see CELERY_BEAT_SCHEDULE); each is also a management command."""

from celery import shared_task

from rutan import maintenance


@shared_task(name="rutan.tasks.cleanup_run")
def cleanup_run() -> dict:
    return maintenance.cleanup_run()
