"""Release planning: programme participants leaving in 30/60 days and what is still due."""

import datetime as dt

import pytest
from django.urls import reverse

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import RegisterType
from participants.models import Screening
from participants.selectors import today_for
from participants.services import certificate_issue
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def in_programme(facility, name, release=None, status=Enrollment.Status.ACTIVE):
    return EnrollmentFactory(
        participant__facility=facility,
        participant__name=name,
        participant__register_type=RegisterType.B_I,
        participant__expected_release_date=release,
        cohort__programme__facility=facility,
        status=status,
    )


def test_it_lists_who_leaves_in_30_and_60_days_with_what_is_due(
    client, login, kepala, petugas, facility
):
    today = today_for(kepala)
    soon = in_programme(facility, "Andi Soon", today + dt.timedelta(days=10))
    later = in_programme(
        facility, "Budi Later", today + dt.timedelta(days=45), Enrollment.Status.COMPLETED
    )
    in_programme(facility, "Cahya Far", today + dt.timedelta(days=90))
    ParticipantFactory(facility=facility, name="Dedi Not Enrolled", expected_release_date=today)
    pb = in_programme(facility, "Eko PB", None)
    IntegrationProgramme.objects.create(
        participant=pb.participant,
        kind=IntegrationProgramme.Kind.PB,
        proposed_on=today - dt.timedelta(days=30),
        tpp_date=today - dt.timedelta(days=5),
        status=IntegrationProgramme.Status.APPROVED,
        decision="Disetujui",
        leaves_on=today + dt.timedelta(days=20),
    )
    Screening.objects.create(
        participant=later.participant,
        kind=Screening.Kind.EXIT,
        screened_on=today,
        screener=petugas,
    )
    certificate_issue(enrollment=later, issued_by=kepala, on=today)
    login(kepala)

    sixty = client.get(reverse("participants:release_plan") + "?hari=60")
    rows = {r.participant.name: r for r in sixty.context["rows"]}
    assert set(rows) == {"Andi Soon", "Budi Later", "Eko PB"}
    assert rows["Budi Later"].due == ["Evaluasi akhir", "Serah terima Bapas"]
    assert rows["Andi Soon"].due == [
        "Skrining akhir",
        "Evaluasi akhir",
        "Sertifikat",
        "Serah terima Bapas",
    ]
    assert rows["Eko PB"].leaves_on == today + dt.timedelta(days=20)
    assert "disetujui" in rows["Eko PB"].why

    thirty = client.get(reverse("participants:release_plan") + "?hari=30")
    assert {r.participant.name for r in thirty.context["rows"]} == {"Andi Soon", "Eko PB"}
    home = client.get(reverse("home")).content.decode()
    assert "2 peserta diperkirakan keluar dalam 30 hari" in home
    assert soon.participant.name in sixty.content.decode()


def test_other_facilities_stay_out_and_facilitators_are_refused(
    client, login, petugas_other, fasilitator, facility
):
    in_programme(facility, "Andi Soon", today_for(petugas_other) + dt.timedelta(days=3))
    login(petugas_other)
    assert client.get(reverse("participants:release_plan")).context["rows"] == []
    login(fasilitator)
    assert client.get(reverse("participants:release_plan")).status_code == 403


def test_a_planned_transfer_is_a_way_out_with_no_bapas_handover_due(
    client, login, petugas, kepala, facility
):
    today = today_for(petugas)
    moving = in_programme(facility, "Fajar Moves", None)
    login(petugas)
    create = reverse("aftercare:transfer_create", args=[moving.participant.pk])
    past = client.post(create, {"destination": "Lapas Balikpapan", "expected_on": "2020-01-01"})
    assert past.status_code == 200 and "sudah lewat" in past.content.decode()
    far = client.post(create, {"destination": "Lapas Balikpapan", "expected_on": "2099-01-01"})
    assert far.status_code == 200 and not moving.participant.planned_transfers.exists()
    response = client.post(
        create,
        {
            "destination": "Lapas Kelas IIA Balikpapan",
            "expected_on": (today + dt.timedelta(days=40)).isoformat(),
            "decision_number": "PAS-123",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("participants:detail", args=[moving.participant.pk]))
    assert "Lapas Kelas IIA Balikpapan" in page.content.decode()

    login(kepala)
    sixty = client.get(reverse("participants:release_plan") + "?hari=60").context["rows"]
    assert [(r.participant.name, r.why, r.due) for r in sixty] == [
        (
            "Fajar Moves",
            "Pindah ke Lapas Kelas IIA Balikpapan",
            ["Skrining akhir", "Evaluasi akhir", "Sertifikat"],
        )
    ]
    thirty = client.get(reverse("participants:release_plan") + "?hari=30").context["rows"]
    assert thirty == []

    login(petugas)
    transfer = moving.participant.planned_transfers.get()
    client.post(reverse("aftercare:transfer_cancel", args=[transfer.pk]))
    login(kepala)
    assert client.get(reverse("participants:release_plan") + "?hari=60").context["rows"] == []


def test_another_facility_cannot_plan_or_cancel_a_transfer(client, login, petugas_other, facility):
    moving = in_programme(facility, "Fajar Moves", None)
    login(petugas_other)
    create = reverse("aftercare:transfer_create", args=[moving.participant.pk])
    assert client.get(create).status_code == 404
