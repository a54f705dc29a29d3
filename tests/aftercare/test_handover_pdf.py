"""The handover packet is an office document: letterhead, number, RAHASIA, both offices sign."""

import pytest
from django.urls import reverse

from aftercare.models import Handover
from rutan.models import DocumentNumber
from tests.aftercare.test_handover import hand_over
from tests.pdf_checks import assert_office_document
from tests.pdf_checks import keep_pages_as_png

pytestmark = pytest.mark.django_db


def test_the_packet_is_numbered_confidential_and_signed_by_both_offices(
    client, login, kepala, bapas, bapas_office, leaving
):
    facility = leaving.participant.facility
    facility.head_name = "Agus Salim"
    facility.save()
    kepala.first_name, kepala.last_name, kepala.nip = "Agus", "Salim", "197805122003121001"
    kepala.save()
    bapas_office.head_name = "Sri Rahayu"
    bapas_office.save()
    login(kepala)
    hand_over(client, leaving.participant, bapas_office)
    handover = Handover.objects.get()

    login(bapas)
    pdf = client.get(reverse("aftercare:pdf", args=[handover.pk])).content

    number = DocumentNumber.objects.get(kind=DocumentNumber.Kind.HANDOVER).number
    pages = assert_office_document(pdf, issuer_lines=[facility.name.upper()], number=number)
    keep_pages_as_png(pdf, "handover")
    assert all(page.count("RAHASIA") == 2 for page in pages)
    for caption in ("Yang menerima,", "Yang menyerahkan,", f"Kepala {bapas_office.name},"):
        assert caption in pages[-1], caption
    assert "Sri Rahayu Agus Salim" in pages[-1]
    assert "NIP. 197805122003121001" in pages[-1]
