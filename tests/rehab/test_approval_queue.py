"""The kepala's approvals queue: what waits, the filter kept, the next one after each decision,
the participant's attendance and trend beside the evaluation, several approved at once."""

import datetime as dt

import pytest
from django.urls import reverse

from rehab.models import Evaluation
from rehab.models import ReviewStatus
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("rehab:approval_queue")
NOVEMBER, DECEMBER = dt.date(2025, 11, 1), dt.date(2025, 12, 1)


@pytest.fixture
def cohorts(facility, partner):
    programme = ProgrammeFactory(facility=facility, partner=partner)
    return CohortFactory(programme=programme, name="Angkatan A"), CohortFactory(
        programme=programme, name="Angkatan B"
    )


def waiting(cohort, name, *, period=DECEMBER, submitted_day=1, **extra):
    enrollment = EnrollmentFactory(
        cohort=cohort, participant__facility=cohort.programme.facility, participant__name=name
    )
    return EvaluationFactory(
        enrollment=enrollment,
        period=period,
        submitted_at=dt.datetime(2025, 12, submitted_day, 9, tzinfo=dt.UTC),
        **extra,
    )


def test_it_lists_what_waits_oldest_first_and_filters_by_cohort(client, kepala, cohorts):
    a, b = cohorts
    later = waiting(a, "Kedua Diajukan", submitted_day=3)
    first = waiting(a, "Pertama Diajukan", submitted_day=2)
    waiting(b, "Angkatan Lain")
    waiting(a, "Sudah Disetujui", status=ReviewStatus.APPROVED)
    client.force_login(kepala)
    page = client.get(QUEUE).content.decode()
    assert page.index(first.enrollment.participant.name) < page.index(
        later.enrollment.participant.name
    )
    assert "Angkatan Lain" in page and "Sudah Disetujui" not in page
    filtered = client.get(QUEUE, {"angkatan": a.pk}).content.decode()
    assert "Angkatan Lain" not in filtered
    # The link to review keeps the filter, to come back to it.
    assert f"antrean=angkatan%3D{a.pk}" in filtered


def test_approving_from_the_queue_opens_the_next_waiting_under_the_same_filter(
    client, kepala, cohorts
):
    a, b = cohorts
    first = waiting(a, "Pertama", submitted_day=1)
    waiting(b, "Lain Angkatan", submitted_day=2)
    second = waiting(a, "Kedua", submitted_day=3)
    client.force_login(kepala)
    response = client.post(
        reverse("rehab:evaluation_approve", args=[first.pk]),
        {"comment": "", "antrean": f"angkatan={a.pk}"},
    )
    assert response.url == (
        reverse("rehab:evaluation_detail", args=[second.pk]) + f"?antrean=angkatan%3D{a.pk}"
    )
    first.refresh_from_db()
    assert first.status == ReviewStatus.APPROVED
    detail = client.get(response.url).content.decode()
    assert f'name="antrean" value="angkatan={a.pk}"' in detail
    assert "Setujui dan lanjut" in detail
    # After the last one of the filter, back to the (filtered) queue.
    response = client.post(
        reverse("rehab:evaluation_return", args=[second.pk]),
        {"comment": "Lengkapi catatan.", "antrean": f"angkatan={a.pk}"},
    )
    assert response.url == f"{QUEUE}?angkatan={a.pk}"


def test_without_the_queue_a_decision_stays_on_the_evaluation(client, kepala, cohorts):
    evaluation = waiting(cohorts[0], "Langsung")
    waiting(cohorts[0], "Berikutnya")
    client.force_login(kepala)
    response = client.post(reverse("rehab:evaluation_approve", args=[evaluation.pk]), {})
    assert response.url == reverse("rehab:evaluation_detail", args=[evaluation.pk])


def test_the_review_page_shows_attendance_previous_evaluation_and_trend(client, kepala, cohorts):
    cohort = cohorts[0]
    current = waiting(cohort, "Peserta Tren", motivation=4, emotional_control=2)
    participant = current.enrollment.participant
    EvaluationFactory(
        enrollment=current.enrollment,
        period=NOVEMBER,
        status=ReviewStatus.APPROVED,
        motivation=2,
        emotional_control=3,
    )
    for n, status in enumerate(["present", "present", "late", "absent"]):
        AttendanceFactory(
            session=SessionFactory(
                cohort=cohort, starts_at=dt.datetime(2025, 11, 5 + n, 1, tzinfo=dt.UTC)
            ),
            participant=participant,
            status=status,
        )
    client.force_login(kepala)
    page = client.get(reverse("rehab:evaluation_detail", args=[current.pk])).content.decode()
    assert 'data-testid="attendance-rate">75%<' in page
    assert "3 dari 4 sesi tercatat" in page
    assert "November 2025" in page
    assert "▲ +2" in page and "▼ -1" in page


def test_several_are_approved_after_one_confirmation(client, kepala, cohorts):
    chosen = [waiting(cohorts[0], f"Peserta {n}") for n in range(3)]
    left = waiting(cohorts[0], "Tidak Dipilih")
    client.force_login(kepala)
    url = reverse("rehab:approval_queue_approve")
    data = {"evaluasi": [e.pk for e in chosen], "antrean": ""}
    confirm = client.post(url, data)
    page = confirm.content.decode()
    assert "Setujui 3 evaluasi?" in page and "Tidak Dipilih" not in page
    assert not Evaluation.objects.filter(status=ReviewStatus.APPROVED).exists()
    response = client.post(url, {**data, "confirm": "1"}, follow=True)
    assert "3 evaluasi disetujui." in response.content.decode()
    assert set(Evaluation.objects.filter(status=ReviewStatus.APPROVED)) == set(chosen)
    left.refresh_from_db()
    assert left.status == ReviewStatus.SUBMITTED
    assert all(e.reviewed_by == kepala for e in Evaluation.objects.filter(status="approved"))


def test_bulk_approval_ignores_evaluations_out_of_scope(client, kepala, other_facility, partner):
    elsewhere = waiting(
        CohortFactory(programme__facility=other_facility, programme__partner=partner),
        "UPT Lain",
    )
    client.force_login(kepala)
    client.post(
        reverse("rehab:approval_queue_approve"),
        {"evaluasi": [elsewhere.pk], "confirm": "1", "antrean": ""},
    )
    elsewhere.refresh_from_db()
    assert elsewhere.status == ReviewStatus.SUBMITTED


@pytest.mark.parametrize("user_fixture", ["petugas", "fasilitator", "admin_user"])
def test_only_the_kepala_has_a_queue(login_as, client, user_fixture):
    login_as(user_fixture)
    assert client.get(QUEUE).status_code == 403
    assert client.post(reverse("rehab:approval_queue_approve"), {}).status_code == 403
