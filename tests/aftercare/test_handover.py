"""The kepala hands a leaving participant to a Bapas; the Bapas reads only what was handed."""

import pytest
from django.urls import reverse

from aftercare.models import Handover

pytestmark = pytest.mark.django_db


def hand_over(client, participant, office, **extra):
    data = {
        "bapas_office": office.pk,
        "reason": "pb",
        "handed_over_on": "2025-12-06",
        "recommendations": "Lanjutkan konseling rawat jalan",
        **extra,
    }
    return client.post(reverse("aftercare:create", args=[participant.pk]), data)


def test_the_kepala_hands_over_a_packet_the_bapas_reads(
    client, login, kepala, bapas, bapas_office, leaving
):
    participant = leaving.participant
    login(kepala)
    response = hand_over(client, participant, bapas_office)
    handover = Handover.objects.get()
    assert response.status_code == 302
    record = handover.record
    assert [e["cohort"] for e in record["enrollments"]] == [leaving.cohort.name]
    cannabis = next(r for r in record["assist"]["rows"] if r["substance"] == "cannabis")
    assert (cannabis["entry"], cannabis["exit"]) == (20, 6)
    assert [len(e["relapse_risks"]) for e in record["evaluations"]] == [3, 1]
    assert record["guarantor"]["name"] == "Keluarga Besar Hartono"
    assert record["recommendations"] == "Lanjutkan konseling rawat jalan"
    assert record["participant"]["nik"] is None

    login(bapas)
    page = client.get(reverse("aftercare:detail", args=[handover.pk])).content.decode()
    assert "Rudi Hartono" in page and "Keluarga Besar Hartono" in page
    assert "6471000000000099" not in page
    assert "Rudi Hartono" in client.get(reverse("home")).content.decode()
    pdf = client.get(reverse("aftercare:pdf", args=[handover.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_nik_reaches_the_bapas_only_when_the_kepala_includes_it(
    client, login, kepala, bapas, bapas_office, leaving
):
    login(kepala)
    hand_over(client, leaving.participant, bapas_office, include_nik="on")
    login(bapas)
    handover = Handover.objects.get()
    page = client.get(reverse("aftercare:detail", args=[handover.pk])).content.decode()
    assert "6471000000000099" in page


def test_a_bapas_that_does_not_serve_the_facility_is_refused(
    client, login, kepala, other_office, leaving
):
    login(kepala)
    response = hand_over(client, leaving.participant, other_office)
    assert response.status_code == 200
    assert not Handover.objects.exists()


def test_the_packet_does_not_change_with_later_data(
    client, login, kepala, bapas, bapas_office, leaving
):
    login(kepala)
    hand_over(client, leaving.participant, bapas_office)
    leaving.participant.name = "Nama Baru"
    leaving.participant.save()
    login(bapas)
    handover = Handover.objects.get()
    page = client.get(reverse("aftercare:detail", args=[handover.pk])).content.decode()
    assert "Rudi Hartono" in page and "Nama Baru" not in page


def test_a_bapas_sees_only_its_own_offices_handovers(
    client, login, kepala, bapas_other, bapas_office, leaving
):
    login(kepala)
    hand_over(client, leaving.participant, bapas_office)
    login(bapas_other)
    assert list(client.get(reverse("aftercare:list")).context["handovers"]) == []
