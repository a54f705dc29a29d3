import datetime as dt

import pytest
from django.urls import reverse

from participants.models import Participant
from tests.factories import ParticipantFactory
from tests.participants.form_data import participant_form

pytestmark = pytest.mark.django_db


def test_it_registers_a_participant_in_the_petugas_facility(client, petugas):
    client.force_login(petugas)
    response = client.post(reverse("participants:create"), participant_form())
    participant = Participant.objects.get()
    assert response.url == reverse("participants:detail", args=[participant.pk])
    assert participant.facility == petugas.facility
    assert participant.nik == "6471990101900001"  # spaces dropped


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("nik", "12345", "NIK harus terdiri dari tepat 16 angka"),
        ("nik", "64719901019000AB", "NIK harus terdiri dari tepat 16 angka"),
        ("birth_date", "2999-01-01", "Tanggal lahir tidak boleh di masa depan."),
        ("admission_date", "2999-01-01", "Tanggal masuk tidak boleh di masa depan."),
        ("admission_date", "1989-01-01", "Tanggal masuk harus sesudah tanggal lahir."),
        (
            "expected_release_date",
            "2025-01-01",
            "Perkiraan tanggal bebas tidak boleh sebelum tanggal masuk.",
        ),
        ("name", "", "Bidang ini tidak boleh kosong."),
    ],
)
def test_it_explains_bad_input_in_indonesian_and_keeps_it(client, petugas, field, value, message):
    client.force_login(petugas)
    response = client.post(reverse("participants:create"), participant_form(**{field: value}))
    page = response.content.decode()
    assert response.status_code == 200 and not Participant.objects.exists()
    assert message in page
    assert 'value="Balikpapan"' in page  # nothing typed is lost


def test_it_allows_an_expected_release_in_the_future(client, petugas):
    client.force_login(petugas)
    client.post(
        reverse("participants:create"), participant_form(expected_release_date="2030-01-01")
    )
    assert Participant.objects.get().expected_release_date == dt.date(2030, 1, 1)


def test_it_refuses_a_registration_number_twice_in_a_facility(client, petugas, other_facility):
    ParticipantFactory(facility=other_facility, registration_number="AIII.900/2025")
    client.force_login(petugas)
    client.post(reverse("participants:create"), participant_form())
    response = client.post(
        reverse("participants:create"), participant_form(nik="", name="Orang Lain")
    )
    assert "Nomor registrasi ini sudah terdaftar" in response.content.decode()
    assert Participant.objects.filter(facility=petugas.facility).count() == 1


def test_it_links_to_the_existing_record_for_a_known_nik(client, petugas):
    existing = ParticipantFactory(facility=petugas.facility, nik="6471990101900001")
    client.force_login(petugas)
    response = client.post(
        reverse("participants:create"), participant_form(confirm_not_duplicate="on")
    )
    page = response.content.decode()
    assert "NIK ini sudah terdaftar di UPT ini." in page
    assert reverse("participants:detail", args=[existing.pk]) in page
    assert Participant.objects.count() == 1


def test_it_warns_about_the_same_name_and_birth_date_until_confirmed(client, petugas):
    existing = ParticipantFactory(
        facility=petugas.facility, name="Contoh  Nama Fiktif", birth_date=dt.date(1990, 1, 1)
    )
    existing.name = "contoh nama fiktif"
    existing.save()
    client.force_login(petugas)
    confirm = "ini orang yang berbeda dari data yang mirip di atas"
    assert confirm not in client.get(reverse("participants:create")).content.decode()
    warned = client.post(reverse("participants:create"), participant_form(nik=""))
    assert 'data-testid="duplicate-warning"' in warned.content.decode()
    assert confirm in warned.content.decode()
    assert reverse("participants:detail", args=[existing.pk]) in warned.content.decode()
    assert Participant.objects.count() == 1
    client.post(
        reverse("participants:create"), participant_form(nik="", confirm_not_duplicate="on")
    )
    assert Participant.objects.count() == 2


def test_it_ignores_twins_in_another_facility(client, petugas, other_facility):
    ParticipantFactory(facility=other_facility, nik="6471990101900001")
    client.force_login(petugas)
    client.post(reverse("participants:create"), participant_form())
    assert Participant.objects.filter(facility=petugas.facility).count() == 1


def test_it_edits_without_touching_the_register(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility, register_type="A.II")
    client.force_login(petugas)
    data = participant_form(cell_block="Blok C", register_type="B.I", registration_number="X")
    response = client.post(reverse("participants:edit", args=[participant.pk]), data)
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.cell_block == "Blok C" and participant.register_type == "A.II"
    assert participant.history.count() == 2


def test_it_lets_an_admin_choose_the_facility(client, admin_user, facility):
    client.force_login(admin_user)
    client.post(reverse("participants:create"), participant_form(facility=facility.pk))
    assert Participant.objects.get().facility == facility
