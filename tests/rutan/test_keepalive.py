"""The idle sign-out guard: a keepalive that refreshes the session, and the page wiring."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session as StoredSession
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _expiry(client) -> dt.datetime:
    return StoredSession.objects.get(session_key=client.session.session_key).expire_date


def test_it_keeps_the_session_alive_even_without_saving_on_every_request(client, petugas, settings):
    settings.SESSION_SAVE_EVERY_REQUEST = False
    client.force_login(petugas)
    StoredSession.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + dt.timedelta(minutes=2)
    )
    response = client.post(reverse("session_keepalive"))
    assert response.status_code == 200 and response.json()["authenticated"] is True
    assert _expiry(client) > timezone.now() + dt.timedelta(minutes=25)


def test_it_answers_401_not_a_sign_in_page_once_the_session_ended(client):
    response = client.post(reverse("session_keepalive"))
    assert response.status_code == 401 and response.json() == {"authenticated": False}


def test_it_never_changes_anything_on_get(client, petugas):
    client.force_login(petugas)
    assert client.get(reverse("session_keepalive")).status_code == 405


def test_every_page_carries_the_guard_with_the_idle_timeout(client, petugas, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    client.force_login(petugas)
    page = client.get(reverse("home")).content.decode()
    assert 'data-idle-seconds="1800"' in page
    assert "Tetap masuk" in page and "js/idle.js" in page
