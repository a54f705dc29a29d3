"""The Sidang TPP dossier: one PDF with identity, participation, evaluations and statements."""

import pytest
from django.urls import reverse

from participants.models import IntegrationProgramme
from rehab.models import Evaluation
from rehab.models import ReviewStatus
from rutan.models import AuditEvent
from rutan.roles import Role
from tests.factories import AgreementFactory
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import UserFactory
from tests.pdf_checks import pdf_text
from tests.rehab.reports_fixture import session as held_session
from tests.rehab.reports_fixture import wita


@pytest.fixture
def proposal(facility, partner, fasilitator):
    partner.leader_name = "Mohammad Effendi"
    partner.save()
    fasilitator.first_name, fasilitator.last_name = "Dewi", "Lestari"
    fasilitator.save()
    AgreementFactory(facility=facility, partner=partner, facility_number="PKS-7/2025")
    cohort = CohortFactory(programme__facility=facility, programme__partner=partner)
    enrollment = EnrollmentFactory(
        cohort=cohort,
        participant__facility=facility,
        participant__name="Budi Hartono",
        participant__registration_number="BI.123/2025",
    )
    participant = enrollment.participant
    for day, status in [(5, "present"), (7, "present"), (9, "late"), (11, "court")]:
        session = held_session(cohort, wita(2025, 11, day, 9, 0))
        AttendanceFactory(
            session=session,
            participant=participant,
            status=status,
            reason="Sidang PN" if status == "court" else "",
        )
    EvaluationFactory(
        enrollment=enrollment,
        author=fasilitator,
        status=ReviewStatus.APPROVED,
        recommendation=Evaluation.Recommendation.INTEGRATION,
        recommendation_note="Disiplin, aktif, keluarga siap menerima.",
        relapse_risks=["boredom"],
    )
    EvaluationFactory(enrollment=enrollment, status=ReviewStatus.DRAFT, kind="exit")
    return IntegrationProgrammeFactory(
        participant=participant,
        kind=IntegrationProgramme.Kind.PB,
        guarantor=partner,
        guarantor_statement="Yayasan bersedia menjamin dan mendampingi yang bersangkutan.",
    )


@pytest.mark.django_db
def test_it_gives_the_kepala_one_pdf_with_everything_the_board_needs(client, kepala, proposal):
    client.force_login(kepala)
    response = client.get(reverse("rehab:dossier_pdf", args=[proposal.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "berkas-sidang-tpp-BI.123-2025.pdf" in response["Content-Disposition"]
    flat = " ".join(pdf_text(response.content).split())
    assert "BERKAS SIDANG TIM PENGAMAT PEMASYARAKATAN" in flat
    assert "Usulan Pembebasan Bersyarat (PB)" in flat
    assert "Budi Hartono" in flat and "BI.123/2025" in flat
    assert "Tingkat kehadiran (hadir/terlambat) 75,0%" in flat
    assert "Hadir pada 3 dari 4 sesi yang tercatat." in flat
    assert "Usulkan program integrasi — evaluasi November 2025 oleh Dewi Lestari" in flat
    assert "Disiplin, aktif, keluarga siap menerima." in flat
    assert "Kebosanan" in flat
    assert "Yayasan bersedia menjamin dan mendampingi yang bersangkutan." in flat
    assert "PKS-7/2025" in flat and "Mohammad Effendi" in flat
    assert "Akhir program" not in flat  # the draft exit evaluation is not shown
    assert AuditEvent.objects.filter(action="dossier.download", user=kepala).count() == 1


@pytest.mark.django_db
def test_it_keeps_dossiers_to_the_facility_and_the_reporting_roles(
    client, proposal, other_facility, petugas, fasilitator
):
    url = reverse("rehab:dossier_pdf", args=[proposal.pk])
    client.force_login(UserFactory(facility=other_facility, role=Role.KEPALA))
    assert client.get(url).status_code == 404
    for user in (petugas, fasilitator):
        client.force_login(user)
        assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_it_lists_waiting_proposals_with_their_dossier_on_the_report_page(
    client, kepala, proposal, facility
):
    decided = IntegrationProgrammeFactory(
        participant__facility=facility,
        participant__name="Sudah Diputus",
        status=IntegrationProgramme.Status.APPROVED,
    )
    client.force_login(kepala)
    page = client.get(reverse("rehab:report_index")).content.decode()
    assert reverse("rehab:dossier_pdf", args=[proposal.pk]) in page
    assert decided.participant.name not in page
