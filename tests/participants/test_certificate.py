"""Certificates of completion: numbered once per completed enrolment, printed as PDF."""

import pytest
from django.urls import reverse

from participants.models import Certificate
from participants.models import Enrollment
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def completed(facility, **kwargs):
    return EnrollmentFactory(
        participant__facility=facility,
        cohort__programme__facility=facility,
        status=Enrollment.Status.COMPLETED,
        **kwargs,
    )


def test_it_issues_numbered_certificates_once_and_lists_them(client, login, kepala, facility):
    first, second = completed(facility), completed(facility)
    login(kepala)

    for enrollment in (first, second, first):
        client.post(reverse("participants:certificate_create", args=[enrollment.pk]))

    numbers = list(Certificate.objects.order_by("sequence").values_list("number", flat=True))
    assert len(numbers) == 2
    assert numbers[0].startswith("001/SERT-REHAB/") and numbers[1].startswith("002/")
    page = client.get(reverse("participants:detail", args=[first.participant_id]))
    assert numbers[0] in page.content.decode()


def test_it_refuses_a_certificate_before_completion(client, login, kepala, facility):
    active = EnrollmentFactory(participant__facility=facility, cohort__programme__facility=facility)
    login(kepala)
    response = client.post(
        reverse("participants:certificate_create", args=[active.pk]), follow=True
    )
    assert "hanya untuk peserta yang menyelesaikan" in response.content.decode()
    assert not Certificate.objects.exists()


def test_it_prints_the_certificate_with_name_and_number(client, login, petugas, facility):
    enrollment = completed(facility, participant__name="Budi Santoso")
    login(petugas)
    client.post(reverse("participants:certificate_create", args=[enrollment.pk]))
    certificate = Certificate.objects.get()

    response = client.get(reverse("participants:certificate_pdf", args=[certificate.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_certificates_of_another_facility_are_404(client, login, petugas_other, facility, kepala):
    enrollment = completed(facility)
    login(kepala)
    client.post(reverse("participants:certificate_create", args=[enrollment.pk]))
    certificate = Certificate.objects.get()
    login(petugas_other)
    assert (
        client.get(reverse("participants:certificate_pdf", args=[certificate.pk])).status_code
        == 404
    )
    other = completed(facility)
    assert (
        client.post(reverse("participants:certificate_create", args=[other.pk])).status_code == 404
    )
