"""The beat schedule in settings names registered tasks: daily reminders, nightly clean-up and
retention."""

import pytest
from celery.schedules import crontab
from django.conf import settings

from participants.models import Participant
from participants.tasks import retention_run
from rutan.celery import app
from tests.factories import ParticipantFactory


def test_every_scheduled_job_is_a_registered_task():
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)
    assert schedule["daily-reminders"]["schedule"] == crontab(hour=6, minute=0)
    assert schedule["nightly-cleanup"]["schedule"] == crontab(hour=2, minute=30)


def test_without_a_broker_tasks_run_in_the_request():
    assert settings.CELERY_BROKER_URL == "" and app.conf.task_always_eager


def test_the_retention_job_is_scheduled_nightly():
    entry = settings.CELERY_BEAT_SCHEDULE["nightly-retention"]
    assert entry["task"] == "participants.tasks.retention_run"
    assert entry["schedule"] == crontab(hour=3, minute=0)


@pytest.mark.django_db
def test_the_scheduled_retention_run_is_idempotent(facility, caplog):
    expired = ParticipantFactory(facility=facility, name="Andi Lama", released_long_ago=True)
    kept = ParticipantFactory(facility=facility, name="Budi Baru")
    caplog.set_level("INFO", logger="participants.retention")

    assert retention_run.apply().get() == {facility.code: 1}
    first = Participant.objects.get(pk=expired.pk)
    assert first.anonymised_on is not None and first.name != "Andi Lama"
    assert f"facility={facility.code}" in caplog.text and "anonymised=1" in caplog.text

    assert retention_run.apply().get() == {facility.code: 0}  # nothing left to do
    again = Participant.objects.get(pk=expired.pk)
    assert (again.name, again.anonymised_on) == (first.name, first.anonymised_on)
    assert Participant.objects.get(pk=kept.pk).name == "Budi Baru"
