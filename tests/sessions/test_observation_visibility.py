"""One rule for who reads observations: the partner and the kepala, never petugas."""

import datetime as dt

import pytest
from django.urls import reverse

from participants.timeline import timeline_for
from rehab.reports.dossier import dossier_for
from sessions.permissions import can_see_observations
from sessions.selectors import observations_for
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 19)


@pytest.fixture
def observed(session_on, enrol, fasilitator):
    session = session_on(DAY)
    person = enrol(1)[0]
    ObservationFactory(
        session=session,
        participant=person,
        engagement=4,
        remark="Aktif bertanya",
        author=fasilitator,
    )
    return person


def test_it_shows_observations_on_the_timeline_to_kepala_but_not_to_petugas(
    client, petugas, kepala, observed
):
    url = reverse("participants:detail", args=[observed.pk])
    client.force_login(kepala)
    assert "Aktif bertanya" in client.get(url).content.decode()
    client.force_login(petugas)
    page = client.get(url).content.decode()
    assert "Aktif bertanya" not in page and "keterlibatan 4/5" not in page


@pytest.mark.parametrize(
    ("user_fixture", "sees"),
    [("petugas", False), ("kepala", True), ("fasilitator", True), ("admin_user", True),
     ("petugas_other", False), ("fasilitator_other", False)],
)  # fmt: skip
def test_every_reader_of_observations_follows_the_same_rule(request, observed, user_fixture, sees):
    user = request.getfixturevalue(user_fixture)
    assert observations_for(user).exists() is sees
    kinds = {entry.kind for entry in timeline_for(observed, user)}
    assert ("observation" in kinds) is sees
    dossier = dossier_for(
        IntegrationProgrammeFactory(participant=observed), printed_on=DAY, viewer=user
    )
    assert (dossier.observations == 1) is sees
    if user_fixture in ("petugas", "petugas_other"):
        assert not can_see_observations(user)


def test_the_admin_list_of_observations_follows_the_rule(client, admin_user, observed):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    page = client.get(reverse("admin:rehab_sessions_observation_changelist")).content.decode()
    assert observed.name in page
