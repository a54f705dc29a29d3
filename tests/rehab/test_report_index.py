import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import Session
from tests.factories import CohortFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def held(cohort, year, month):
    starts = timezone.make_aware(dt.datetime(year, month, 10, 9, 0))
    return SessionFactory(cohort=cohort, starts_at=starts, status=Session.Status.HELD)


def test_it_links_the_months_in_which_the_facility_held_sessions(client, kepala, other_facility):
    cohort = CohortFactory(programme__facility=kepala.facility)
    held(cohort, 2025, 11)
    held(cohort, 2025, 11)
    held(cohort, 2025, 12)
    held(CohortFactory(programme__facility=other_facility), 2024, 3)
    client.force_login(kepala)
    page = client.get(reverse("rehab:report_index")).content.decode()
    code = kepala.facility.code
    nov = reverse("rehab:report_monthly", kwargs={"facility_code": code, "year": 2025, "month": 11})
    dec = reverse("rehab:report_monthly", kwargs={"facility_code": code, "year": 2025, "month": 12})
    assert page.count(nov) == 1 and dec in page
    assert page.index(dec) < page.index(nov)
    assert "2024-3" not in page and "Maret 2024" not in page


def test_the_dashboard_points_to_the_last_activity_when_the_weeks_are_empty(client, kepala):
    cohort = CohortFactory(programme__facility=kepala.facility)
    held(cohort, 2025, 12)
    client.force_login(kepala)
    page = client.get(reverse("rehab:dashboard")).content.decode()
    assert 'data-testid="dashboard-stale"' in page and "per=2025-12-10" in page
    recent = client.get(reverse("rehab:dashboard"), {"per": "2025-12-20"}).content.decode()
    assert 'data-testid="dashboard-stale"' not in recent


def test_the_participant_page_links_the_kepala_to_each_dossier(client, kepala, petugas):
    integration = IntegrationProgrammeFactory(participant__facility=kepala.facility)
    url = reverse("participants:detail", args=[integration.participant_id])
    dossier = reverse("rehab:dossier_pdf", args=[integration.pk])
    client.force_login(kepala)
    assert dossier in client.get(url).content.decode()
    client.force_login(petugas)
    assert dossier not in client.get(url).content.decode()
