import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from participants.models import RegisterChange
from participants.services import participant_change_register
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def sentenced(participant, number: str, by, reason: str):
    """The participant moves to register B.I (sentenced) under `number` on 20 November 2025."""
    return participant_change_register(
        participant=participant,
        to_type="B.I",
        to_number=number,
        changed_on=dt.date(2025, 11, 20),
        reason=reason,
        recorded_by=by,
    )


def test_it_keeps_the_old_register_as_dated_history(petugas):
    participant = ParticipantFactory(
        facility=petugas.facility, register_type="A.III", registration_number="AIII.7/2025"
    )
    change = sentenced(participant, "BI.7/2025", petugas, reason="Putusan PN")
    participant.refresh_from_db()
    assert (participant.register_type, participant.registration_number) == ("B.I", "BI.7/2025")
    assert (change.from_type, change.from_number, change.to_type) == ("A.III", "AIII.7/2025", "B.I")
    assert participant.legal_status == "Narapidana"


def test_it_refuses_a_number_already_used_in_the_facility(petugas):
    ParticipantFactory(facility=petugas.facility, registration_number="BI.1/2025")
    participant = ParticipantFactory(facility=petugas.facility, register_type="A.III")
    with pytest.raises(ValidationError) as refused:
        sentenced(participant, "BI.1/2025", petugas, reason="")
    assert "to_number" in refused.value.error_dict
    assert not RegisterChange.objects.exists()


def test_it_refuses_a_change_before_admission_or_to_the_same_register(petugas):
    participant = ParticipantFactory(facility=petugas.facility, admission_date=dt.date(2025, 6, 1))
    for to_type, day in (
        ("B.I", dt.date(2025, 5, 1)),
        (participant.register_type, dt.date(2025, 7, 1)),
    ):
        with pytest.raises(ValidationError):
            participant_change_register(
                participant=participant,
                to_type=to_type,
                to_number="",
                changed_on=day,
                reason="",
                recorded_by=petugas,
            )


def test_it_changes_the_register_through_the_page(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility, register_type="A.III")
    client.force_login(petugas)
    url = reverse("participants:change_register", args=[participant.pk])
    response = client.post(
        url,
        {
            "to_type": "B.IIa",
            "to_number": "BIIa.7/2025",
            "changed_on": "2025-11-20",
            "reason": "Putusan",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    assert "A.III" in page and "B.IIa" in page and "Putusan" in page


def test_it_shows_the_reason_when_a_register_change_is_refused(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility, admission_date=dt.date(2025, 6, 1))
    client.force_login(petugas)
    url = reverse("participants:change_register", args=[participant.pk])
    response = client.post(
        url, {"to_type": "B.I", "to_number": "", "changed_on": "2025-01-01", "reason": "Putusan"}
    )
    assert response.status_code == 200
    assert "sebelum tanggal masuk" in response.content.decode()
