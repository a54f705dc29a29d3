"""Scheduled jobs (celery beat, see CELERY_BEAT_SCHEDULE); each is also a management command."""

import smtplib

from celery import shared_task

from rutan import maintenance
from rutan import notifications
from rutan.celery import app


@shared_task(name="rutan.tasks.cleanup_run")
def cleanup_run() -> dict:
    return maintenance.cleanup_run()


@shared_task(name="rutan.tasks.reminders_send")
def reminders_send() -> dict:
    return notifications.reminders_send()


@shared_task(bind=True, name="rutan.tasks.notification_email", max_retries=5)
def notification_email(self, notification_id: int) -> bool:
    """Send one notification by e-mail; a worker retries while the SMTP server is away."""
    try:
        return notifications.notification_email_send(notification_id=notification_id)
    except (smtplib.SMTPException, OSError) as error:
        if app.conf.task_always_eager:
            return False  # in the request: the inbox has it, the page must not fail
        raise self.retry(exc=error, countdown=120)
