"""Every aftercare view, and the participant and rehab views around it, for every role.

A Bapas user reads the handover packets of its own office (from the handover on) and records
their follow-ups; another office's handover is a 404; the live participant and programme
pages stay closed to it (403), as they were before the handover.
"""

import datetime as dt

import pytest
from django.urls import reverse

from aftercare.models import PlannedTransfer
from participants.services import certificate_issue
from tests.aftercare.test_handover import hand_over

pytestmark = pytest.mark.django_db

# (url name, target, method): the columns of EXPECTED, in this order.
URLS = [
    ("aftercare:list", None, "get"),
    ("aftercare:create", "participant", "get"),
    ("aftercare:detail", "handover", "get"),
    ("aftercare:pdf", "handover", "get"),
    ("aftercare:follow_up_create", "handover", "post"),
    ("aftercare:transfer_create", "participant", "get"),
    ("aftercare:hearing_import", None, "get"),
    ("aftercare:hearing_import_commit", None, "post"),
    ("participants:detail", "participant", "get"),
    ("participants:release_plan", None, "get"),
    ("participants:certificate_pdf", "certificate", "get"),
    ("participants:screening_detail", "screening", "get"),
    ("rehab:evaluation_detail", "evaluation", "get"),
    ("rehab:dossier_pdf", "integration", "get"),
    ("aftercare:transfer_cancel", "transfer", "post"),  # last: it deletes the plan
]
EXPECTED = {
    #               list crt det pdf  fu  trc imp cmt pdet rel cert scr eval dos tcan
    "kepala":      [200, 200, 200, 200, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200, 403],
    "petugas":     [200, 403, 200, 200, 403, 200, 200, 302, 200, 200, 200, 200, 200, 403, 302],
    "admin_user":  [200, 200, 200, 200, 400, 200, 200, 302, 200, 200, 200, 200, 200, 200, 302],
    "fasilitator": [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403],
    "petugas_other": [200, 403, 404, 404, 403, 404, 200, 302, 404, 200, 404, 404, 404, 403, 404],
    "kanwil":      [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    "bapas":       [200, 403, 200, 200, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    "bapas_other": [200, 403, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
}  # fmt: skip


@pytest.fixture
def targets(client, login, kepala, petugas, bapas_office, leaving):
    participant = leaving.participant
    login(kepala)
    hand_over(client, participant, bapas_office)
    certificate = certificate_issue(enrollment=leaving, issued_by=kepala, on=dt.date(2025, 12, 6))
    transfer = PlannedTransfer.objects.create(
        participant=participant,
        destination="Lapas Balikpapan",
        expected_on=dt.date(2030, 1, 1),
        recorded_by=petugas,
    )
    return {
        "participant": participant.pk,
        "handover": participant.handovers.get().pk,
        "certificate": certificate.pk,
        "screening": participant.screenings.first().pk,
        "evaluation": leaving.evaluations.first().pk,
        "integration": participant.integration_programmes.get().pk,
        "transfer": transfer.pk,
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_it_answers_each_role_as_the_access_rules_say(login_as, client, targets, role):
    login_as(role)
    answers = []
    for name, target, method in URLS:
        url = reverse(name, args=[targets[target]]) if target else reverse(name)
        answers.append(getattr(client, method)(url).status_code)
    assert dict(zip([u[0] for u in URLS], answers, strict=True)) == dict(
        zip([u[0] for u in URLS], EXPECTED[role], strict=True)
    )


def test_a_bapas_sees_nobody_before_the_handover(client, login, bapas, leaving):
    login(bapas)
    assert list(client.get(reverse("aftercare:list")).context["handovers"]) == []
    assert client.get(reverse("home")).status_code == 200
    detail = reverse("participants:detail", args=[leaving.participant.pk])
    assert client.get(detail).status_code == 403
