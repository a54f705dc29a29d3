"""Every session and cohort page, for every role: 200, 403 (wrong role) or 404 (out of scope)."""

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 19)

# url name, whether it takes the session/cohort pk, expected status per user fixture
PAGES = [
    ("sessions:list", None, {"petugas": 200, "kepala": 200, "fasilitator": 200, "admin_user": 200, "petugas_other": 200, "fasilitator_other": 200}),
    ("sessions:month", None, {"petugas": 200, "kepala": 200, "fasilitator": 200, "admin_user": 200, "petugas_other": 200, "fasilitator_other": 200}),
    ("sessions:create", None, {"petugas": 200, "kepala": 200, "fasilitator": 403, "admin_user": 200, "petugas_other": 200, "fasilitator_other": 403}),
    ("sessions:detail", "session", {"petugas": 200, "kepala": 200, "fasilitator": 200, "admin_user": 200, "petugas_other": 404, "fasilitator_other": 404}),
    ("sessions:cancel", "session", {"petugas": 200, "kepala": 200, "fasilitator": 403, "admin_user": 200, "petugas_other": 404, "fasilitator_other": 403}),
    ("sessions:reschedule", "session", {"petugas": 200, "kepala": 200, "fasilitator": 403, "admin_user": 200, "petugas_other": 404, "fasilitator_other": 403}),
    ("sessions:catch_up", "session", {"petugas": 200, "kepala": 200, "fasilitator": 403, "admin_user": 200, "petugas_other": 404, "fasilitator_other": 403}),
    ("sessions:attendance", "session", {"petugas": 200, "kepala": 200, "fasilitator": 403, "admin_user": 200, "petugas_other": 404, "fasilitator_other": 403}),
    ("sessions:attendance_history", "session", {"petugas": 200, "kepala": 200, "fasilitator": 403, "admin_user": 200, "petugas_other": 404, "fasilitator_other": 403}),
    ("sessions:notes", "session", {"petugas": 403, "kepala": 200, "fasilitator": 200, "admin_user": 200, "petugas_other": 403, "fasilitator_other": 404}),
    ("rehab:cohort_list", None, {"petugas": 200, "kepala": 200, "fasilitator": 200, "admin_user": 200, "petugas_other": 200, "fasilitator_other": 200}),
    ("rehab:cohort_detail", "cohort", {"petugas": 200, "kepala": 200, "fasilitator": 200, "admin_user": 200, "petugas_other": 404, "fasilitator_other": 404}),
    ("rehab:module_list", None, {"petugas": 200, "kepala": 200, "fasilitator": 200, "admin_user": 200, "petugas_other": 200, "fasilitator_other": 200}),
]  # fmt: skip
USERS = ["petugas", "kepala", "fasilitator", "admin_user", "petugas_other", "fasilitator_other"]
# Oversight roles read aggregates, never a session's people: every page here is refused.
OVERSIGHT = ["kanwil", "pusat", "kanwil_other"]


@pytest.mark.parametrize("user_fixture", USERS + OVERSIGHT)
def test_it_answers_each_role_on_every_page(login_as, client, user_fixture, session_on):
    session = session_on(DAY)
    login_as(user_fixture)
    for name, arg, expected in PAGES:
        args = {None: [], "session": [session.pk], "cohort": [session.cohort_id]}[arg]
        response = client.get(reverse(name, args=args))
        assert response.status_code == expected.get(user_fixture, 403), (name, user_fixture)


def test_it_sends_anonymous_visitors_to_sign_in(client, session_on):
    session = session_on(DAY)
    response = client.get(reverse("sessions:attendance", args=[session.pk]))
    assert response.status_code == 302 and "/masuk/" in response.url


def test_a_bapas_user_opens_no_session_or_cohort_page(client, bapas, session_on):
    session = session_on(DAY)
    client.force_login(bapas)
    for name, arg, _expected in PAGES:
        args = {None: [], "session": [session.pk], "cohort": [session.cohort_id]}[arg]
        assert client.get(reverse(name, args=args)).status_code == 403, name
