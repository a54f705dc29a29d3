"""Several screened people enrolled (and activated) in one step, and the guided registration."""

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Consent
from participants.models import Enrollment
from participants.models import Screening
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.factories import ScreeningFactory

pytestmark = pytest.mark.django_db
URL = reverse("participants:enrollment_bulk")


def screened(facility, *, consent: bool, name: str = ""):
    participant = ParticipantFactory(facility=facility, **({"name": name} if name else {}))
    ScreeningFactory(participant=participant)
    if consent:
        ConsentFactory(participant=participant)
    return participant


def test_it_lists_only_screened_people_of_the_facility_who_wait(
    client, petugas, facility, other_facility, running_cohort
):
    waiting = screened(facility, consent=False, name="Menunggu Daftar")
    dropout = screened(facility, consent=True, name="Pernah Berhenti")
    EnrollmentFactory(participant=dropout, status=Enrollment.Status.DROPPED_OUT)
    busy = screened(facility, consent=True, name="Sedang Aktif")
    EnrollmentFactory(participant=busy, status=Enrollment.Status.ACTIVE)
    ParticipantFactory(facility=facility, name="Belum Diskrining")
    screened(other_facility, consent=True, name="UPT Lain")
    client.force_login(petugas)
    page = client.get(URL).content.decode()
    assert waiting.name in page and dropout.name in page
    for absent in ("Sedang Aktif", "Belum Diskrining", "UPT Lain"):
        assert absent not in page


def test_it_enrols_several_at_once_and_activates_those_with_consent(
    client, kepala, facility, running_cohort
):
    with_consent = [screened(facility, consent=True) for _ in range(2)]
    without = screened(facility, consent=False, name="Tanpa Persetujuan")
    client.force_login(kepala)
    response = client.post(
        URL,
        {
            "participants": [p.pk for p in [*with_consent, without]],
            "cohort": running_cohort.pk,
            "on": timezone.localdate().isoformat(),
            "activate": "on",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "3 warga binaan terdaftar di Angkatan Berjalan; 2 langsung aktif" in page
    assert "Tanpa Persetujuan terdaftar tetapi belum aktif" in page
    statuses = dict(running_cohort.enrollments.values_list("participant_id", "status"))
    assert statuses == {
        with_consent[0].pk: "active",
        with_consent[1].pk: "active",
        without.pk: "enrolled",
    }
    # Each step is in the enrolment's history, as when done one by one.
    enrollment = running_cohort.enrollments.get(participant=with_consent[0])
    assert enrollment.history.count() >= 3


def test_over_capacity_nothing_is_enrolled_and_the_choice_is_kept(
    client, petugas, facility, running_cohort
):
    running_cohort.capacity = 2
    running_cohort.save()
    people = [screened(facility, consent=True) for _ in range(3)]
    client.force_login(petugas)
    response = client.post(
        URL,
        {
            "participants": [p.pk for p in people],
            "cohort": running_cohort.pk,
            "on": timezone.localdate().isoformat(),
            "activate": "on",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "sisa 2 tempat, 3 warga binaan dipilih" in page
    assert page.count(" checked>") >= 3
    assert not Enrollment.objects.exists()


def test_a_person_of_another_facility_cannot_be_posted(
    client, petugas, other_facility, running_cohort
):
    stranger = screened(other_facility, consent=True)
    client.force_login(petugas)
    response = client.post(
        URL,
        {"participants": [stranger.pk], "cohort": running_cohort.pk, "on": "2026-01-01"},
    )
    assert response.status_code == 200 and not Enrollment.objects.exists()


def test_facilitators_may_not_enrol(client, fasilitator):
    client.force_login(fasilitator)
    assert client.get(URL).status_code == 403


def test_the_guided_flow_leads_from_registration_to_an_active_enrolment(
    client, petugas, facility, running_cohort
):
    client.force_login(petugas)
    data = {
        "name": "Peserta Alur Baru",
        "register_type": "A.III",
        "registration_number": "AIII.901/2026",
        "birth_date": "1991-02-03",
        "sex": "M",
        "admission_date": "2026-08-01",
        "nik": "6471990302910001",
        "lanjut": "1",
    }
    response = client.post(reverse("participants:create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    participant = facility.participants.get(name="Peserta Alur Baru")
    assert (
        response.url == reverse("participants:screening_create", args=[participant.pk]) + "?alur=1"
    )

    screening = ScreeningFactory(participant=participant)
    detail = client.get(reverse("participants:screening_detail", args=[screening.pk]) + "?alur=1")
    consent_url = reverse("participants:consent_create", args=[participant.pk]) + "?alur=1"
    assert consent_url.replace("&", "&amp;") in detail.content.decode()

    response = client.post(
        consent_url, {"given_on": timezone.localdate().isoformat(), "witness": "Wali blok"}
    )
    assert response.url == f"{URL}?peserta={participant.pk}&alur=1"
    page = client.get(response.url).content.decode()
    assert f'value="{participant.pk}" id="peserta-{participant.pk}" checked' in page
    # One cohort running: it is chosen already, so one click enrols and activates.
    response = client.post(
        response.url,
        {
            "participants": [participant.pk],
            "cohort": running_cohort.pk,
            "on": timezone.localdate().isoformat(),
            "activate": "on",
        },
    )
    assert Enrollment.objects.get(participant=participant).status == "active"
    assert Consent.objects.filter(participant=participant).count() == 1
    assert Screening.objects.filter(participant=participant).count() == 1
