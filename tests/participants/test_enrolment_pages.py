import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from tests.factories import CohortFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ParticipantFactory
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_it_puts_a_participant_on_a_running_cohort_and_warns(client, petugas, running_cohort):
    participant = ParticipantFactory(
        facility=petugas.facility, register_type="A.II", expected_release_date=timezone.localdate()
    )
    client.force_login(petugas)
    response = client.post(
        reverse("participants:enrollment_create", args=[participant.pk]),
        {"cohort": running_cohort.pk},
        follow=True,
    )
    page = response.content.decode()
    enrollment = Enrollment.objects.get()
    assert enrollment.status == "screened" and enrollment.cohort == running_cohort
    assert "sebelum angkatan berakhir" in page and "masih tahanan" in page


def test_it_refuses_a_cohort_of_another_facility(client, petugas, other_facility):
    participant = ParticipantFactory(facility=petugas.facility)
    foreign = CohortFactory(programme__facility=other_facility)
    client.force_login(petugas)
    response = client.post(
        reverse("participants:enrollment_create", args=[participant.pk]),
        {"cohort": foreign.pk},
        follow=True,
    )
    assert "Pilih angkatan yang masih berjalan." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_it_walks_the_lifecycle_through_the_pages(client, petugas, running_cohort):
    participant = ParticipantFactory(facility=petugas.facility)
    enrollment = EnrollmentFactory(
        participant=participant,
        cohort=running_cohort,
        status="screened",
        enrolled_on=None,
        activated_on=None,
    )
    client.force_login(petugas)
    today = timezone.localdate().isoformat()

    def step(action, **data):
        url = reverse("participants:enrollment_transition", args=[enrollment.pk, action])
        return client.post(url, {"on": today, "reason": "", **data}, follow=True)

    step("enroll")
    refused = step("activate").content.decode()
    assert "Belum ada persetujuan" in refused
    ConsentFactory(participant=participant, given_on=timezone.localdate())
    step("activate")
    assert "Alasan" in step("drop_out").content.decode()  # reason required
    done = step("transfer", reason="Dipindahkan ke Lapas").content.decode()
    assert "Status di Angkatan Berjalan sekarang: Dipindahkan." in done
    enrollment.refresh_from_db()
    assert enrollment.status == "transferred" and enrollment.end_reason == "Dipindahkan ke Lapas"
    assert (
        client.get(
            reverse("participants:enrollment_transition", args=[enrollment.pk, "explode"])
        ).status_code
        == 404
    )


def test_it_refuses_a_second_active_cohort_with_a_message(client, petugas, running_cohort):
    participant = ParticipantFactory(facility=petugas.facility)
    ConsentFactory(participant=participant, given_on=dt.date(2025, 1, 1))
    EnrollmentFactory(participant=participant, status="active", cohort__name="Angkatan Lama")
    enrollment = EnrollmentFactory(
        participant=participant, cohort=running_cohort, status="enrolled"
    )
    client.force_login(petugas)
    response = client.post(
        reverse("participants:enrollment_transition", args=[enrollment.pk, "activate"]),
        {"on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "sudah aktif di Angkatan Lama" in response.content.decode()


def test_it_records_and_withdraws_consent(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    client.force_login(petugas)
    client.post(
        reverse("participants:consent_create", args=[participant.pk]),
        {"given_on": "2025-11-01", "witness": "Wali blok"},
    )
    consent = participant.consents.get()
    assert consent.recorded_by == petugas
    response = client.post(
        reverse("participants:consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": "2025-10-01", "reason": ""},
    )
    assert "antara tanggal persetujuan dan hari ini" in response.content.decode()
    client.post(
        reverse("participants:consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": "2025-11-10", "reason": "Mundur"},
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date(2025, 11, 10)


def test_it_proposes_an_integration_programme_for_a_convict(
    client, petugas, partner, running_cohort
):
    participant = ParticipantFactory(facility=petugas.facility, register_type="B.I")
    client.force_login(petugas)
    url = reverse("participants:integration_create", args=[participant.pk])
    stranger = PartnerFactory(name="Mitra tanpa kerja sama")
    form_page = client.get(url).content.decode()
    assert str(partner) in form_page and str(stranger) not in form_page
    bad = client.post(
        url,
        {
            "kind": "pb",
            "guarantor": partner.pk,
            "proposed_on": "2025-11-28",
            "tpp_date": "2025-11-01",
            "status": "approved",
        },
    ).content.decode()
    assert "tidak boleh sebelum tanggal usulan" in bad and "Tuliskan keputusan" in bad
    client.post(
        url,
        {
            "kind": "pb",
            "guarantor": partner.pk,
            "proposed_on": "2025-11-28",
            "tpp_date": "2025-12-05",
            "status": "approved",
            "decision": "Disetujui",
        },
    )
    programme = IntegrationProgramme.objects.get()
    assert (programme.participant, programme.guarantor, programme.status) == (
        participant,
        partner,
        "approved",
    )


def test_it_refuses_integration_for_a_detainee(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility, register_type="A.III")
    client.force_login(petugas)
    response = client.post(
        reverse("participants:integration_create", args=[participant.pk]),
        {"kind": "pb", "proposed_on": "2025-11-28", "status": "proposed"},
    )
    assert "hanya untuk narapidana" in response.content.decode()
    assert not IntegrationProgramme.objects.exists()


def test_it_edits_an_integration_programme_in_scope_only(client, petugas, petugas_other):
    programme = IntegrationProgrammeFactory(
        participant__facility=petugas.facility,
        participant__register_type="B.I",
        guarantor=None,
    )
    url = reverse("participants:integration_edit", args=[programme.pk])
    client.force_login(petugas_other)
    assert client.get(url).status_code == 404
    client.force_login(petugas)
    client.post(
        url,
        {
            "kind": "pb",
            "proposed_on": "2025-11-20",
            "tpp_date": "2025-12-05",
            "status": "in_review",
        },
    )
    programme.refresh_from_db()
    assert programme.status == "in_review" and programme.tpp_date == dt.date(2025, 12, 5)
