import pytest
from django.urls import reverse

from rehab.models import ReviewStatus
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory

pytestmark = pytest.mark.django_db


def test_it_shows_evaluations_on_the_participants_timeline(client, kepala):
    enrollment = EnrollmentFactory(participant__facility=kepala.facility)
    evaluation = EvaluationFactory(enrollment=enrollment, status=ReviewStatus.APPROVED)
    client.force_login(kepala)
    page = client.get(reverse("participants:detail", args=[enrollment.participant_id])).content
    page = page.decode()
    assert reverse("rehab:evaluation_detail", args=[evaluation.pk]) in page
    assert "Evaluasi bulanan 11/2025" in page
