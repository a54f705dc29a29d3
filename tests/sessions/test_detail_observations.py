"""After the notes are saved, the session page shows the observations to those allowed."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def observed(session_on, enrol, fasilitator):
    session = session_on(dt.date(2025, 11, 19))
    session.notes_at = session.starts_at
    session.summary = "Materi disampaikan."
    session.notes_by = fasilitator
    session.save()
    person = enrol(1)[0]
    ObservationFactory(
        session=session, participant=person, engagement=5, remark="Aktif berbagi pengalaman"
    )
    return session


@pytest.mark.parametrize(
    "user_fixture,sees", [("fasilitator", True), ("kepala", True), ("petugas", False)]
)
def test_the_session_page_shows_observations_to_those_allowed(
    login_as, client, observed, user_fixture, sees
):
    login_as(user_fixture)
    page = client.get(reverse("sessions:detail", args=[observed.pk])).content.decode()
    assert "Materi disampaikan." in page
    assert ("Aktif berbagi pengalaman" in page) is sees
    assert ('data-testid="session-observations"' in page) is sees
