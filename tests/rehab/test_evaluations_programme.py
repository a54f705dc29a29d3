"""Programme evaluations (evaluasi berkala per PKS): figures beside the narrative, approval, lock."""

import datetime as dt

import pytest
from django.urls import reverse

from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rutan.roles import Role
from sessions.models import Session
from tests.factories import AgreementFactory
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import ProgrammeEvaluationFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory
from tests.rehab.reports_fixture import wita
from tests.rehab.review import review_post


@pytest.fixture
def agreement(facility, partner):
    return AgreementFactory(facility=facility, partner=partner, facility_number="PKS-1/2025")


@pytest.fixture
def cohort(agreement):
    programme = ProgrammeFactory(
        facility=agreement.facility, partner=agreement.partner, agreement=agreement
    )
    return CohortFactory(programme=programme)


def held_session(cohort, day: int, attended: bool = True):
    session = SessionFactory(
        cohort=cohort,
        starts_at=wita(2025, 11, day, 9, 0),
        ends_at=wita(2025, 11, day, 11, 0),
        status=Session.Status.HELD,
    )
    enrollment = EnrollmentFactory(cohort=cohort)
    AttendanceFactory(
        session=session,
        participant=enrollment.participant,
        status="present" if attended else "absent",
    )
    return session


def narrative(agreement, **overrides):
    return {
        "agreement": agreement.pk,
        "period_start": "2025-11-05",
        "period_end": "2025-12-05",
        "achievements": "Lima belas sesi terlaksana.",
        "obstacles": "Jadwal sidang peserta.",
        "follow_ups": "Pendampingan program integrasi.",
        "action": "submit",
        **overrides,
    }


@pytest.mark.django_db
def test_it_lets_a_facilitator_write_one_for_their_partners_agreement_only(
    client, fasilitator, agreement, other_partner
):
    theirs = AgreementFactory(facility=agreement.facility, partner=other_partner)
    client.force_login(fasilitator)
    refused = client.post(reverse("rehab:programme_evaluation_create"), narrative(theirs))
    assert refused.status_code == 400
    assert "Lima belas sesi terlaksana." in refused.content.decode()
    client.post(reverse("rehab:programme_evaluation_create"), narrative(agreement))
    evaluation = ProgrammeEvaluation.objects.get()
    assert evaluation.agreement == agreement and evaluation.status == ReviewStatus.SUBMITTED


@pytest.mark.django_db
def test_it_keeps_the_period_inside_the_agreement(client, fasilitator, agreement):
    client.force_login(fasilitator)
    response = client.post(
        reverse("rehab:programme_evaluation_create"),
        narrative(agreement, period_start="2025-10-01"),
    )
    assert response.status_code == 400
    assert "dalam masa berlaku PKS (05/11/2025–04/11/2026)" in response.content.decode()
    response = client.post(
        reverse("rehab:programme_evaluation_create"),
        narrative(agreement, period_end="2025-11-01"),
    )
    assert "Akhir periode tidak boleh sebelum awal periode." in response.content.decode()
    assert not ProgrammeEvaluation.objects.exists()


@pytest.mark.django_db
def test_it_shows_figures_from_the_data_beside_the_narrative(client, kepala, agreement, cohort):
    held_session(cohort, 19)
    held_session(cohort, 21, attended=False)
    evaluation = ProgrammeEvaluationFactory(agreement=agreement)
    client.force_login(kepala)
    page = client.get(
        reverse("rehab:programme_evaluation_detail", args=[evaluation.pk])
    ).content.decode()
    assert 'data-testid="sessions-held">2<' in page
    assert 'data-testid="attendance-rate">50,0%<' in page
    assert "15 sesi terlaksana sesuai jadwal." in page


@pytest.mark.django_db
def test_it_freezes_the_figures_and_locks_on_approval(
    client, kepala, fasilitator, agreement, cohort
):
    held_session(cohort, 19)
    evaluation = ProgrammeEvaluationFactory(agreement=agreement, achievements="Versi awal.")
    client.force_login(kepala)
    review_post(client, "rehab:programme_evaluation_approve", evaluation)
    assert evaluation.status == ReviewStatus.APPROVED
    assert evaluation.figures["sessions_held"] == 1

    held_session(cohort, 24)  # recorded late: the approved document must not change
    detail = reverse("rehab:programme_evaluation_detail", args=[evaluation.pk])
    assert 'data-testid="sessions-held">1<' in client.get(detail).content.decode()

    client.force_login(fasilitator)
    response = review_post(
        client,
        "rehab:programme_evaluation_edit",
        evaluation,
        narrative(agreement, achievements="Diubah setelah disetujui."),
        follow=True,
    )
    assert evaluation.achievements == "Versi awal."
    assert "tidak dapat diubah" in response.content.decode()


@pytest.mark.django_db
def test_it_returns_with_a_comment_and_keeps_the_history(client, kepala, fasilitator, agreement):
    evaluation = ProgrammeEvaluationFactory(agreement=agreement, author=fasilitator)
    client.force_login(kepala)
    review_post(
        client,
        "rehab:programme_evaluation_return",
        evaluation,
        {"comment": "Tambahkan kendala ruang."},
    )
    assert evaluation.status == ReviewStatus.RETURNED
    client.force_login(fasilitator)
    client.post(
        reverse("rehab:programme_evaluation_edit", args=[evaluation.pk]),
        narrative(agreement, obstacles="Aula dipakai bergantian."),
    )
    page = client.get(
        reverse("rehab:programme_evaluation_detail", args=[evaluation.pk])
    ).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert history.index("Dikembalikan") < history.index("Diajukan ke kepala")
    assert "Kendala" in history  # the changed field is named


@pytest.mark.django_db
def test_it_hides_programme_evaluations_of_other_facilities_and_partners(
    client, agreement, other_facility, fasilitator_other, petugas
):
    evaluation = ProgrammeEvaluationFactory(agreement=agreement)
    url = reverse("rehab:programme_evaluation_detail", args=[evaluation.pk])
    for user in (UserFactory(facility=other_facility, role=Role.KEPALA), fasilitator_other):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(petugas)
    assert client.get(url).status_code == 200
    approve = reverse("rehab:programme_evaluation_approve", args=[evaluation.pk])
    assert client.post(approve).status_code == 403


@pytest.mark.django_db
def test_its_model_approval_saves_only_the_review_fields(agreement, kepala):
    evaluation = ProgrammeEvaluationFactory(agreement=agreement)
    evaluation.achievements = "not saved"
    evaluation.approve(kepala, figures={"sessions_held": 3})
    evaluation.refresh_from_db()
    assert evaluation.figures == {"sessions_held": 3}
    assert evaluation.achievements != "not saved"
    assert evaluation.history.first().history_type == "~"
    assert dt.date.today() >= evaluation.reviewed_at.date()
