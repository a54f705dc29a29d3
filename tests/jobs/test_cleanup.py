"""The nightly clean-up deletes what has expired and nothing else; a second run does nothing."""

import datetime as dt
import os

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from participants import importing

pytestmark = pytest.mark.django_db


def test_cleanup_deletes_what_expired_and_is_idempotent(settings, tmp_path, capsys, caplog):
    settings.MEDIA_ROOT = tmp_path
    live = SessionStore()
    live.create()
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - dt.timedelta(minutes=1)
    )
    old_attempt = AccessAttempt.objects.create(
        username="petugas", ip_address="10.0.0.1", user_agent="x", failures_since_start=10
    )
    AccessAttempt.objects.filter(pk=old_attempt.pk).update(
        attempt_time=timezone.now() - dt.timedelta(hours=2)
    )
    AccessAttempt.objects.create(
        username="kepala", ip_address="10.0.0.2", user_agent="x", failures_since_start=10
    )
    old = importing.store_upload(ContentFile(b"a\n", name="a.csv"), ".csv")
    fresh = importing.store_upload(ContentFile(b"a\n", name="b.csv"), ".csv")
    stamp = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(tmp_path / "imports" / f"{old}.csv", (stamp, stamp))

    with caplog.at_level("INFO", logger="pulih.jobs"):
        call_command("cleanup")
    out = capsys.readouterr().out
    assert "sessions: 1 deleted" in out
    assert "lockout_records: 1 deleted" in out
    assert "abandoned_uploads: 1 deleted" in out
    assert "cleanup: sessions=1" in caplog.text
    assert Session.objects.filter(session_key=live.session_key).exists()
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["kepala"]
    assert importing.stored_path(fresh, ".csv") is not None

    call_command("cleanup")
    assert "sessions: 0 deleted" in capsys.readouterr().out
