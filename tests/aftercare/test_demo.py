"""The demo: Bapas Balikpapan, its user, a released participant handed over with two contacts."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from aftercare.models import FollowUp
from aftercare.models import Handover
from aftercare.models import PlannedTransfer
from participants.models import CourtHearing
from rutan.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_hands_a_released_participant_to_bapas_balikpapan(client):
    call_command("seed_demo", force=True, verbosity=0)
    call_command("seed_demo", force=True, verbosity=0)

    handover = Handover.objects.select_related("bapas_office").get()
    assert handover.bapas_office.name == "Bapas Kelas II Balikpapan"
    assert handover.participant.enrollments.get().cohort.name == "Angkatan I 2025"
    assert FollowUp.objects.filter(handover=handover).count() == 2
    assert handover.record["participant"]["nik"] is None
    assert CourtHearing.objects.exists()
    assert PlannedTransfer.objects.count() == 1  # seeded once, though the demo ran twice

    response = client.post(
        reverse("login"), {"username": "bapas", "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert handover.participant.name in home
    assert "6 bulan" in home  # the next contact, due since May 2026
    detail = client.get(reverse("aftercare:detail", args=[handover.pk]))
    assert detail.status_code == 200

    client.force_login(User.objects.get(username="kepala"))
    plan = client.get(reverse("participants:release_plan") + "?hari=30").context["rows"]
    assert "Pindah ke Lapas Kelas IIA Balikpapan" in [row.why for row in plan]
