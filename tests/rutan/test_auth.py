import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session as StoredSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD
from tests.factories import UserFactory


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_it_signs_in_and_lands_on_home(client, petugas):
    response = post_login(client, "petugas", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_it_gives_one_message_for_wrong_password_and_unknown_user(client, petugas):
    wrong = post_login(client, "petugas", "salah-sekali")
    unknown = post_login(client, "tidak-ada", "salah-sekali")
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "Nama pengguna atau kata sandi salah." in response.content.decode()


@pytest.mark.django_db
def test_it_locks_username_and_address_after_ten_failures(client, petugas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "petugas", "salah-sekali")
    locked = post_login(client, "petugas", PASSWORD)
    assert locked.status_code == 429
    assert "Akun terkunci sementara" in locked.content.decode()
    # Another username from the same address is not locked out.
    UserFactory(username="petugas2")
    assert post_login(client, "petugas2", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_it_logs_out_only_by_post(client, petugas):
    client.force_login(petugas)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_it_redirects_anonymous_visitors_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_it_changes_the_password(client, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Rehabilitasi-2025!",
            "new_password2": "Rehabilitasi-2025!",
        },
    )
    assert response.status_code == 302
    petugas.refresh_from_db()
    assert petugas.check_password("Rehabilitasi-2025!")


def test_it_expires_idle_sessions_after_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert not getattr(settings, "SESSION_SAVE_EVERY_REQUEST", False)


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    ]


@pytest.mark.django_db
def test_it_writes_the_session_only_when_its_expiry_is_due(client, petugas):
    post_login(client, "petugas", PASSWORD)
    stored = StoredSession.objects.get()
    with CaptureQueriesContext(connection) as pages:
        client.get(reverse("home"))
        client.get(reverse("home"))
    assert _session_writes(pages.captured_queries) == []

    # A session last refreshed more than a minute ago is pushed forward.
    session = client.session
    session["_refreshed_at"] -= 61
    session.save()
    StoredSession.objects.filter(pk=stored.pk).update(
        expire_date=stored.expire_date - dt.timedelta(minutes=4)
    )
    with CaptureQueriesContext(connection) as due:
        assert client.get(reverse("home")).status_code == 200
    assert len(_session_writes(due.captured_queries)) == 1
    assert StoredSession.objects.get().expire_date > stored.expire_date


@pytest.mark.django_db
def test_it_signs_out_a_session_idle_past_its_expiry(client, petugas):
    post_login(client, "petugas", PASSWORD)
    StoredSession.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.django_db
def test_it_speaks_indonesian_by_default_and_english_on_request(client):
    page = client.get(reverse("login")).content.decode()
    assert "Masuk ke Pulih" in page and 'lang="id"' in page
    client.post(reverse("set_language"), {"language": "en", "next": "/masuk/"})
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page and "Sign in to Pulih" in page


@pytest.mark.django_db
def test_it_serves_pages_with_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


@pytest.mark.django_db
def test_it_stays_indonesian_for_an_english_browser_until_the_switch_is_used(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Masuk ke Pulih" in page


@pytest.mark.django_db
def test_it_answers_a_very_long_username_with_the_form_not_a_500(client):
    response = client.post(reverse("login"), {"username": "A" * 300, "password": "x" * 20})
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.django_db
def test_a_sign_in_form_with_a_stale_token_opens_again_instead_of_a_403(petugas):
    # The form was served with one token; another page's request replaced the cookie meanwhile.
    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("login"))
    browser.cookies["csrftoken"] = "x" * 32
    stale = {"username": "petugas", "password": PASSWORD, "csrfmiddlewaretoken": "y" * 32}
    response = browser.post(reverse("login"), {**stale, "next": "/peserta/"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == reverse("login") + "?next=%2Fpeserta%2F"
    page = response.content.decode()
    assert "Halaman masuk sudah kedaluwarsa. Silakan masuk lagi." in page
    # The form that opens again carries a token that works.
    token = browser.cookies["csrftoken"].value
    again = browser.post(reverse("login"), {**stale, "csrfmiddlewaretoken": token})
    assert again.status_code == 302 and again.url == reverse("home")


@pytest.mark.django_db
def test_a_stale_form_elsewhere_says_so_in_indonesian(petugas):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(petugas)
    response = browser.post(reverse("notifications"), {"email_enabled": "on"})
    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in response.content.decode()
    assert "CSRF verification failed" not in response.content.decode()


@pytest.mark.django_db
def test_a_stale_token_cannot_send_the_sign_in_elsewhere(petugas):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"next": "https://jahat.example/"})
    assert response.status_code == 302 and response.url == reverse("login")
