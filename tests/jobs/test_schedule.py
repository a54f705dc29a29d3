"""The beat schedule in settings names registered tasks: daily reminders and nightly clean-up."""

from celery.schedules import crontab
from django.conf import settings

from rutan.celery import app


def test_every_scheduled_job_is_a_registered_task():
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)
    assert schedule["daily-reminders"]["schedule"] == crontab(hour=6, minute=0)
    assert schedule["nightly-cleanup"]["schedule"] == crontab(hour=2, minute=30)


def test_without_a_broker_tasks_run_in_the_request():
    assert settings.CELERY_BROKER_URL == "" and app.conf.task_always_eager
