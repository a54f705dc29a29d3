"""Participant evaluations: writing, the due list, the kepala's review, access."""

import datetime as dt

import pytest
from django.urls import reverse

from participants.models import Enrollment
from rehab.models import Evaluation
from rehab.models import ReviewError
from rehab.models import ReviewStatus
from rehab.selectors.evaluations import due_evaluations
from rutan.roles import Role
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.factories import UserFactory
from tests.rehab.review import review_post


@pytest.fixture
def cohort(facility, partner):
    return CohortFactory(programme=ProgrammeFactory(facility=facility, partner=partner))


@pytest.fixture
def enrollment(cohort, facility):
    return EnrollmentFactory(
        cohort=cohort,
        participant=ParticipantFactory(facility=facility, name="Andi Pratama"),
        activated_on=dt.date(2025, 11, 5),
    )


def form_data(**overrides):
    return {
        "kind": "monthly",
        "period": "2025-11",
        "knowledge_pre": "40",
        "knowledge_post": "75",
        "motivation": "4",
        "emotional_control": "3",
        "social_support": "5",
        "unit_behaviour": "4",
        "relapse_risks": ["boredom", "old_habits"],
        "recommendation": "continue",
        "recommendation_note": "",
        "notes": "Mulai terbuka tentang pemicunya.",
        "action": "submit",
        **overrides,
    }


@pytest.mark.django_db
def test_it_shows_the_guidance_for_every_score_and_the_ten_dangers(client, fasilitator, enrollment):
    client.force_login(fasilitator)
    page = client.get(reverse("rehab:evaluation_create", args=[enrollment.pk])).content.decode()
    assert "Berkomitmen kuat dan mendorong peserta lain" in page
    assert "Sering melanggar tata tertib" in page
    for item in ("Lingkungan negatif", "Menyimpan uang berlebih", "Berhenti mengikuti dukungan"):
        assert item in page
    assert "Andi Pratama" in page


@pytest.mark.django_db
def test_it_lets_a_facilitator_write_and_submit_an_evaluation(client, fasilitator, enrollment):
    client.force_login(fasilitator)
    response = client.post(
        reverse("rehab:evaluation_create", args=[enrollment.pk]), form_data(), follow=True
    )
    evaluation = Evaluation.objects.get()
    assert evaluation.status == ReviewStatus.SUBMITTED
    assert evaluation.author == fasilitator
    assert evaluation.period == dt.date(2025, 11, 1)
    assert evaluation.relapse_risks == ["boredom", "old_habits"]
    assert "diajukan ke kepala rutan" in response.content.decode()


@pytest.mark.django_db
def test_it_keeps_what_was_typed_when_a_score_is_out_of_range(client, fasilitator, enrollment):
    client.force_login(fasilitator)
    response = client.post(
        reverse("rehab:evaluation_create", args=[enrollment.pk]),
        form_data(knowledge_pre="150", notes="Catatan panjang yang tidak boleh hilang"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "lebih kecil dari atau sama dengan 100" in page
    assert "Catatan panjang yang tidak boleh hilang" in page
    assert not Evaluation.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_second_evaluation_of_the_same_month(client, fasilitator, enrollment):
    EvaluationFactory(enrollment=enrollment, period=dt.date(2025, 11, 1))
    client.force_login(fasilitator)
    response = client.post(reverse("rehab:evaluation_create", args=[enrollment.pk]), form_data())
    assert response.status_code == 400
    assert "bulan ini sudah ada untuk peserta ini" in response.content.decode()
    assert Evaluation.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_a_month_before_the_participant_started(client, fasilitator, enrollment):
    client.force_login(fasilitator)
    response = client.post(
        reverse("rehab:evaluation_create", args=[enrollment.pk]), form_data(period="2025-10")
    )
    assert response.status_code == 400
    assert "baru mengikuti program sejak 05/11/2025" in response.content.decode()


@pytest.mark.django_db
def test_it_hides_another_partners_participants_from_a_facilitator(
    client, fasilitator_other, enrollment
):
    evaluation = EvaluationFactory(enrollment=enrollment)
    client.force_login(fasilitator_other)
    assert client.get(reverse("rehab:evaluation_create", args=[enrollment.pk])).status_code == 404
    assert client.get(reverse("rehab:evaluation_detail", args=[evaluation.pk])).status_code == 404
    response = client.post(reverse("rehab:evaluation_edit", args=[evaluation.pk]), form_data())
    assert response.status_code == 404
    page = client.get(reverse("rehab:evaluation_list")).content.decode()
    assert "Andi Pratama" not in page


@pytest.mark.django_db
def test_it_gives_petugas_read_only_access(client, petugas, enrollment):
    evaluation = EvaluationFactory(enrollment=enrollment)
    client.force_login(petugas)
    assert client.get(reverse("rehab:evaluation_list")).status_code == 200
    detail = client.get(reverse("rehab:evaluation_detail", args=[evaluation.pk]))
    assert detail.status_code == 200 and "Setujui" not in detail.content.decode()
    assert client.get(reverse("rehab:evaluation_create", args=[enrollment.pk])).status_code == 403
    assert client.post(reverse("rehab:evaluation_approve", args=[evaluation.pk])).status_code == 403
    evaluation.refresh_from_db()
    assert evaluation.status == ReviewStatus.SUBMITTED


@pytest.mark.django_db
def test_it_answers_404_to_another_facilitys_kepala(client, other_facility, enrollment):
    evaluation = EvaluationFactory(enrollment=enrollment)
    stranger = UserFactory(facility=other_facility, role=Role.KEPALA)
    client.force_login(stranger)
    assert client.get(reverse("rehab:evaluation_detail", args=[evaluation.pk])).status_code == 404
    assert client.post(reverse("rehab:evaluation_approve", args=[evaluation.pk])).status_code == 404


@pytest.mark.django_db
def test_it_lets_the_kepala_approve_and_then_nobody_can_edit(
    client, kepala, fasilitator, enrollment
):
    evaluation = EvaluationFactory(enrollment=enrollment, motivation=3)
    client.force_login(kepala)
    review_post(client, "rehab:evaluation_approve", evaluation, {"comment": "Baik."})
    assert evaluation.status == ReviewStatus.APPROVED
    assert evaluation.reviewed_by == kepala and evaluation.review_comment == "Baik."

    client.force_login(fasilitator)
    response = review_post(
        client, "rehab:evaluation_edit", evaluation, form_data(motivation="5"), follow=True
    )
    assert evaluation.motivation == 3
    assert "tidak dapat diubah" in response.content.decode()
    again = client.post(reverse("rehab:evaluation_submit", args=[evaluation.pk]), follow=True)
    assert "Hanya draf" in again.content.decode()


@pytest.mark.django_db
def test_it_returns_only_with_a_comment_and_the_facilitator_fixes_and_resubmits(
    client, kepala, fasilitator, enrollment
):
    evaluation = EvaluationFactory(enrollment=enrollment, author=fasilitator)
    client.force_login(kepala)
    response = client.post(
        reverse("rehab:evaluation_return", args=[evaluation.pk]), {"comment": " "}, follow=True
    )
    assert "Tuliskan alasan pengembalian" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == ReviewStatus.SUBMITTED

    review_post(
        client,
        "rehab:evaluation_return",
        evaluation,
        {"comment": "Skor dukungan sosial belum dijelaskan."},
    )
    assert evaluation.status == ReviewStatus.RETURNED

    client.force_login(fasilitator)
    form = client.get(reverse("rehab:evaluation_edit", args=[evaluation.pk])).content.decode()
    assert "Skor dukungan sosial belum dijelaskan." in form
    review_post(
        client,
        "rehab:evaluation_edit",
        evaluation,
        form_data(recommendation_note="Keluarga rutin berkunjung."),
    )
    assert evaluation.status == ReviewStatus.SUBMITTED
    assert evaluation.recommendation_note == "Keluarga rutin berkunjung."


@pytest.mark.django_db
def test_it_shows_who_did_what_in_the_history(client, kepala, fasilitator, enrollment):
    kepala.first_name, kepala.last_name = "Agus", "Salim"
    kepala.save()
    fasilitator.first_name, fasilitator.last_name = "Dewi", "Lestari"
    fasilitator.save()
    client.force_login(fasilitator)
    client.post(reverse("rehab:evaluation_create", args=[enrollment.pk]), form_data(action="draft"))
    evaluation = Evaluation.objects.get()
    client.post(reverse("rehab:evaluation_submit", args=[evaluation.pk]))
    client.force_login(kepala)
    client.post(reverse("rehab:evaluation_approve", args=[evaluation.pk]))
    page = client.get(reverse("rehab:evaluation_detail", args=[evaluation.pk])).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert (
        history.index("Dibuat") < history.index("Diajukan ke kepala") < history.index("Disetujui")
    )
    assert "Dewi Lestari" in history and "Agus Salim" in history


@pytest.mark.django_db
def test_its_review_methods_refuse_steps_out_of_order(enrollment, kepala):
    evaluation = EvaluationFactory(enrollment=enrollment, status=ReviewStatus.DRAFT)
    with pytest.raises(ReviewError):
        evaluation.approve(kepala)
    evaluation.submit()
    with pytest.raises(ReviewError):
        evaluation.return_(kepala, "")
    evaluation.approve(kepala)
    with pytest.raises(ReviewError):
        evaluation.submit()
    evaluation.refresh_from_db()
    assert evaluation.status == ReviewStatus.APPROVED


@pytest.mark.django_db
def test_it_lists_what_is_due_this_month_last_month_and_at_exit(fasilitator, cohort, facility):
    def enrol(status=Enrollment.Status.ACTIVE, activated_on=dt.date(2025, 10, 1), **kwargs):
        return EnrollmentFactory(
            cohort=cohort,
            participant=ParticipantFactory(facility=facility),
            status=status,
            activated_on=activated_on,
            **kwargs,
        )

    overdue = enrol()
    new = enrol(activated_on=dt.date(2025, 11, 10))
    done_last_month = enrol()
    EvaluationFactory(enrollment=done_last_month, period=dt.date(2025, 10, 1))
    finished = enrol(status=Enrollment.Status.COMPLETED, ended_on=dt.date(2025, 11, 15))
    finished_evaluated = enrol(status=Enrollment.Status.COMPLETED, ended_on=dt.date(2025, 11, 15))
    EvaluationFactory(enrollment=finished_evaluated, kind=Evaluation.Kind.EXIT)
    EnrollmentFactory(participant=ParticipantFactory(facility=facility))  # another partner's

    due = {
        item.enrollment: (item.kind, item.period, item.overdue)
        for item in due_evaluations(fasilitator, today=dt.date(2025, 11, 20))
    }
    assert due == {
        overdue: ("monthly", dt.date(2025, 10, 1), True),
        new: ("monthly", dt.date(2025, 11, 1), False),
        finished: ("exit", dt.date(2025, 11, 1), False),
    }


@pytest.mark.django_db
def test_its_list_page_does_not_query_per_participant(
    client, fasilitator, cohort, facility, django_assert_max_num_queries
):
    for _ in range(30):
        enrollment = EnrollmentFactory(
            cohort=cohort, participant=ParticipantFactory(facility=facility)
        )
        EvaluationFactory(enrollment=enrollment, period=dt.date(2025, 10, 1))
        EnrollmentFactory(
            cohort=cohort,
            participant=ParticipantFactory(facility=facility),
            status=Enrollment.Status.COMPLETED,
        )
    client.force_login(fasilitator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("rehab:evaluation_list"))
    assert response.status_code == 200
    assert response.content.decode().count("Tulis evaluasi") == 60
