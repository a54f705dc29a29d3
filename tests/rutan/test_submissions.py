"""A form sent twice (double click, Back and send again, a retried request) is saved once."""

import threading
import time

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from participants.models import Screening
from rutan import submissions
from rutan.roles import Role
from tests.factories import ParticipantFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCREENING = {
    "kind": "entry",
    "screened_on": "2025-11-01",
    "injected": "no",
    "notes": "",
    "cannabis_ever": "on",
    "cannabis_q2": "weekly",
    "cannabis_q3": "weekly",
    "cannabis_q4": "never",
    "cannabis_q5": "never",
    "cannabis_q6": "no",
    "cannabis_q7": "no",
}


@pytest.fixture
def url(petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    return reverse("participants:screening_create", args=[participant.pk])


def test_it_saves_a_form_sent_twice_once_and_goes_where_the_first_went(client, login, petugas, url):
    login(petugas)
    first = client.post(url, {**SCREENING, "csrfmiddlewaretoken": "from-the-first-page-load"})
    assert first.status_code == 302
    # Back, then "Simpan" again: the browser restored the fields; the page gave a new CSRF token.
    again = client.post(url, {**SCREENING, "csrfmiddlewaretoken": "from-the-second-page-load"})
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert Screening.objects.count() == 1
    shown = [str(m) for m in get_messages(again.wsgi_request)]
    assert shown[-1].startswith("Isian yang sama baru saja tersimpan dari formulir ini")


def test_a_different_form_or_another_user_is_an_ordinary_request(
    client, login, petugas, url, facility
):
    login(petugas)
    client.post(url, SCREENING)
    client.post(url, {**SCREENING, "notes": "Skrining ulang"})
    colleague = Client()
    colleague.force_login(UserFactory(username="petugas2", role=Role.PETUGAS, facility=facility))
    colleague.post(url, SCREENING)
    assert Screening.objects.count() == 3


def test_the_same_form_later_on_is_an_ordinary_request(client, login, petugas, url, monkeypatch):
    """Doing the same thing again on purpose (consent withdrawn by mistake, recorded again)."""
    monkeypatch.setattr(submissions, "REMEMBER_SECONDS", 1)
    login(petugas)
    client.post(url, SCREENING)
    time.sleep(1.2)
    client.post(url, SCREENING)
    assert Screening.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_cache_that_does_not_answer_does_not_stop_the_save(petugas, url, settings):
    """Redis away: the form is saved as an ordinary request, not refused with a 500."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client = Client()
    client.force_login(petugas)
    assert client.post(url, SCREENING).status_code == 302
    assert Screening.objects.count() == 1


def test_a_refused_form_is_forgotten(client, login, petugas, url):
    login(petugas)
    incomplete = {**SCREENING, "cannabis_q2": ""}
    assert client.post(url, incomplete).status_code in (200, 400)
    assert client.post(url, incomplete).status_code in (200, 400)
    assert client.post(url, SCREENING).status_code == 302
    assert Screening.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_copy_sent_while_the_first_is_saving_waits_for_it(petugas, url, monkeypatch):
    """Two requests at once (a double click the browser let through): one saves, the other
    waits and follows it."""
    release = threading.Event()
    original = submissions.cache.add

    def slow_first_claim(*args, **kwargs):
        claimed = original(*args, **kwargs)
        if claimed:
            release.wait(5)  # hold the first request until the second is waiting
        return claimed

    monkeypatch.setattr(submissions.cache, "add", slow_first_claim)
    answers = {}

    def send(name):
        client = Client()
        client.force_login(petugas)
        answers[name] = client.post(url, SCREENING)
        connection.close()

    first = threading.Thread(target=send, args=("first",))
    first.start()
    second = threading.Thread(target=send, args=("second",))
    second.start()
    second.join(0.5)  # the second is now polling for the first's answer
    release.set()
    first.join(10)
    second.join(10)
    assert answers["first"]["Location"] == answers["second"]["Location"]
    assert Screening.objects.count() == 1
