"""Every participant URL, for every role: who reads, who writes, who sees nothing."""

import pytest
from django.urls import reverse

from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ParticipantFactory
from tests.factories import ScreeningFactory

pytestmark = pytest.mark.django_db

READ, WRITE = "read", "write"


@pytest.fixture
def objects(facility):
    participant = ParticipantFactory(facility=facility, register_type="B.I")
    return {
        "participant": participant.pk,
        "screening": ScreeningFactory(participant=participant).pk,
        "consent": ConsentFactory(participant=participant).pk,
        "enrollment": EnrollmentFactory(participant=participant, status="screened").pk,
        "integration": IntegrationProgrammeFactory(participant=participant).pk,
    }


# (url name, object the URL points at, method, read or write)
URLS = [
    ("participants:list", None, "get", READ),
    ("participants:export", None, "get", READ),
    ("participants:create", None, "get", WRITE),
    ("participants:detail", "participant", "get", READ),
    ("participants:reveal", "participant", "post", READ),
    ("participants:edit", "participant", "get", WRITE),
    ("participants:change_register", "participant", "get", WRITE),
    ("participants:screening_create", "participant", "get", WRITE),
    ("participants:screening_detail", "screening", "get", READ),
    ("participants:consent_create", "participant", "get", WRITE),
    ("participants:consent_withdraw", "consent", "get", WRITE),
    ("participants:enrollment_create", "participant", "post", WRITE),
    ("participants:enrollment_transition", "enrollment", "get", WRITE),
    ("participants:integration_create", "participant", "get", WRITE),
    ("participants:integration_edit", "integration", "get", WRITE),
    ("participants:import", None, "get", WRITE),
    ("participants:import_template", None, "get", WRITE),
    ("participants:release_plan", None, "get", READ),
    ("participants:court_hearing_create", "participant", "get", WRITE),
]

# role fixture → (status for read URLs, status for write URLs) on the own facility's objects
EXPECTED = {
    "petugas": (200, 200),
    "kepala": (200, 403),
    "admin_user": (200, 200),
    "fasilitator": (403, 403),
    "petugas_other": (404, 404),
    # Oversight roles read aggregates, never a person's file.
    "kanwil": (403, 403),
    "pusat": (403, 403),
    "kanwil_other": (403, 403),
    "bapas": (403, 403),
}


def _url(name, target, objects):
    if name == "participants:enrollment_transition":
        return reverse(name, args=[objects["enrollment"], "enroll"])
    if name == "participants:import_template":
        return reverse(name, args=["xlsx"])
    return reverse(name, args=[objects[target]]) if target else reverse(name)


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("name,target,method,kind", URLS)
def test_it_answers_each_role_as_the_access_rules_say(
    request, client, objects, role, name, target, method, kind
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = getattr(client, method)(_url(name, target, objects))
    expected = EXPECTED[role][0 if kind == READ else 1]
    if role == "petugas_other" and target is None:
        expected = 200  # lists and blank forms: their own facility's
    if expected == 200 and method == "post":
        assert response.status_code in (200, 302)  # a POST may answer with a redirect
    else:
        assert response.status_code == expected


def test_it_sends_anonymous_visitors_to_sign_in(client, objects):
    response = client.get(reverse("participants:detail", args=[objects["participant"]]))
    assert response.status_code == 302 and "/masuk/" in response.url
