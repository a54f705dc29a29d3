"""Issue 9, item 13: registration numbers follow their register's format (admin-configurable)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from participants.models import Participant
from participants.models import RegisterFormat
from participants.models import registration_number_error
from participants.services import participant_change_register
from tests.factories import ParticipantFactory
from tests.participants.form_data import participant_form
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row

pytestmark = pytest.mark.django_db


def register_b_i(number: str) -> dict:
    """The registration form for a B.I prisoner with this registration number."""
    return participant_form(register_type="B.I", registration_number=number)


@pytest.mark.parametrize("number", ["hello world", "AII.555/2026", "BII.555/2026", "BI 555"])
def test_it_refuses_a_number_that_does_not_follow_the_register(client, petugas, number):
    client.force_login(petugas)
    response = client.post(reverse("participants:create"), register_b_i(number))
    assert response.status_code == 200
    page = response.content.decode()
    assert "tidak sesuai format register B.I" in page
    assert "BI.123/2026" in page  # the example the petugas can follow
    assert not Participant.objects.exists()


@pytest.mark.parametrize("number", ["BI.555/2026", "B.I.7/2025"])
def test_it_accepts_numbers_in_the_registers_format(client, petugas, number):
    client.force_login(petugas)
    response = client.post(reverse("participants:create"), register_b_i(number))
    assert response.status_code == 302
    assert Participant.objects.get().registration_number == number


def test_it_refuses_the_wrong_format_in_the_import(client, petugas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(petugas)
    content = csv_bytes(
        [
            row(1, jenis_register="B.I", no_registrasi="AII.555/2026"),
            row(2, jenis_register="B.I", no_registrasi="hello world"),
            row(3, jenis_register="B.I", no_registrasi="BI.555/2026"),
        ]
    )
    client.post(reverse("participants:import"), {"file": SimpleUploadedFile("a.csv", content)})
    preview = client.get(reverse("participants:import_preview")).context["preview"]
    errors = {r.line: r.errors for r in preview.rows}
    assert any("contoh yang benar: BI.123/2026" in e for e in errors[2])
    assert any("tidak sesuai format register B.I" in e for e in errors[3])
    assert errors[4] == []


def test_it_refuses_a_register_change_to_a_number_of_another_format(petugas):
    participant = ParticipantFactory(
        facility=petugas.facility, register_type="A.III", registration_number="AIII.7/2025"
    )
    for to_number in ("hello world", "", "AII.555/2026"):
        with pytest.raises(ValidationError) as refused:
            participant_change_register(
                participant=participant,
                to_type="B.I",
                to_number=to_number,
                changed_on=dt.date(2025, 11, 20),
                reason="Putusan PN",
                recorded_by=petugas,
            )
        assert "BI.123/2026" in str(refused.value.error_dict["to_number"])
    participant.refresh_from_db()
    assert participant.register_type == "A.III"


def test_the_admin_configures_a_format_and_the_forms_follow_it(client, admin_user, petugas):
    client.force_login(admin_user)
    item = RegisterFormat.objects.get(register_type="B.I")
    url = reverse("admin:participants_registerformat_change", args=[item.pk])
    broken = client.post(url, {"register_type": "B.I", "pattern": "^B(", "example": "x"})
    assert broken.status_code == 200 and "Pola tidak sah" in broken.content.decode()
    saved = client.post(url, {"register_type": "B.I", "pattern": r"^BI-\d+$", "example": "BI-12"})
    assert saved.status_code == 302
    client.force_login(petugas)
    refused = client.post(reverse("participants:create"), register_b_i("BI.5/2026"))
    assert "contoh yang benar: BI-12" in refused.content.decode()
    accepted = client.post(reverse("participants:create"), register_b_i("BI-5"))
    assert accepted.status_code == 302


def test_the_admin_participant_form_checks_the_format(client, admin_user, facility):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:participants_participant_add"),
        {**register_b_i("hello world"), "facility": facility.pk},
    )
    assert response.status_code == 200
    assert "tidak sesuai format register B.I" in response.content.decode()
    assert not Participant.objects.exists()


def test_every_demo_participant_follows_its_registers_format():
    call_command("seed_demo", force=True, verbosity=0)
    formats = RegisterFormat.objects.as_map()
    numbers = list(Participant.objects.values_list("register_type", "registration_number"))
    assert len(numbers) > 20
    assert [n for n in numbers if registration_number_error(*n, formats)] == []
