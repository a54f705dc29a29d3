"""The pieces a tablet needs to keep the sheet and notes forms offline."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_service_worker_is_served_under_the_sessions_path(client, petugas):
    client.force_login(petugas)
    response = client.get("/sesi/sw.js")
    # Fetching the worker is not the user's activity: the sign-in session is not renewed.
    assert "sessionid" not in response.cookies
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"caches.match" in response.content


def test_the_sheet_and_notes_forms_are_kept_offline(
    client, petugas, fasilitator, session_on, enrol, today
):
    session = session_on(today)
    enrol(2)
    client.force_login(petugas)
    sheet = client.get(reverse("sessions:attendance", args=[session.pk])).content.decode()
    assert "data-offline-form" in sheet and "js/offline.js" in sheet and "Belum terkirim" in sheet
    client.force_login(fasilitator)
    notes = client.get(reverse("sessions:notes", args=[session.pk])).content.decode()
    assert "data-offline-form" in notes and "js/offline.js" in notes
