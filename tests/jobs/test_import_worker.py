"""An import runs in a real worker: the page polls, the person may leave and come back."""

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import ImportJob
from participants.models import Participant
from rutan.models import Notification
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row

START = reverse("participants:import")
PREVIEW = reverse("participants:import_preview")
COMMIT = reverse("participants:import_commit")


def poll(client, url, timeout=30, progress=b"import-progress"):
    """Ask like the page's htmx does until the job has finished (the answer redirects)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        response = client.get(url, headers={"HX-Request": "true"})
        if "HX-Redirect" in response:
            return response["HX-Redirect"]
        assert progress in response.content
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def test_an_import_is_checked_and_saved_by_the_worker(client, petugas, celery_worker):
    client.force_login(petugas)
    response = client.post(
        START, {"file": SimpleUploadedFile("sdp.csv", csv_bytes([row(n) for n in range(3)]))}
    )
    assert response.url == PREVIEW
    assert poll(client, PREVIEW) == PREVIEW
    preview = client.get(PREVIEW)
    assert preview.context["summary"]["create"] == 3
    assert not Participant.objects.exists()

    response = client.post(COMMIT, {"expect_create": 3, "expect_update": 0})
    job = ImportJob.objects.get()
    job_url = reverse("participants:import_job", args=[job.pk])
    assert response.url == job_url  # the save runs in the worker, not in this request
    # The person leaves and comes back later: the start page lists the import.
    assert job_url in client.get(START).content.decode()
    poll(client, job_url)
    page = client.get(job_url).content.decode()
    assert "Impor selesai: 3 warga binaan baru" in page
    assert Participant.objects.filter(facility=petugas.facility).count() == 3
    assert "import_save" in celery_worker.read_text()
    # The bell tells them too.
    assert Notification.objects.get(user=petugas).kind == "import_finished"
