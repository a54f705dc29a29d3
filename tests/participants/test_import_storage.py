"""Import staging goes through Django's storage: a shared bucket lets another server continue."""

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants import importing
from participants.models import Participant
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row

pytestmark = pytest.mark.django_db

START = reverse("participants:import")
PREVIEW = reverse("participants:import_preview")
COMMIT = reverse("participants:import_commit")


def staged(storage) -> list[str]:
    try:
        return storage.listdir(importing.IMPORT_DIR)[1]
    except FileNotFoundError:
        return []


def test_an_upload_staged_in_the_bucket_previews_and_commits_on_another_server(
    client, petugas, s3_storage, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(petugas)
    response = client.post(
        START, {"file": SimpleUploadedFile("sdp.csv", csv_bytes([row(n) for n in range(3)]))}
    )
    assert response.status_code == 302
    assert len(staged(s3_storage)) == 1
    # Another app server has no local copy: it reads the bucket.
    for copy in importing._local_copy("x", ".csv").parent.glob("*"):
        copy.unlink()
    summary = client.get(PREVIEW).context["summary"]
    assert summary["create"] == 3
    for copy in importing._local_copy("x", ".csv").parent.glob("*"):
        copy.unlink()
    client.post(COMMIT, {"expect_create": 3, "expect_update": 0})
    assert Participant.objects.count() == 3
    assert staged(s3_storage) == []
    assert list(tmp_path.iterdir()) == []


def test_stale_uploads_are_removed_and_fresh_ones_kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = importing.store_upload(ContentFile(b"a,b\n", name="x.csv"), ".csv")
    fresh = importing.store_upload(ContentFile(b"a,b\n", name="y.csv"), ".csv")
    two_days_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(tmp_path / "imports" / f"{old}.csv", (two_days_ago, two_days_ago))
    assert importing.remove_stale() == 1
    assert importing.stored_path(old, ".csv") is None
    assert importing.stored_path(fresh, ".csv") is not None
    assert importing.remove_stale() == 0  # idempotent
