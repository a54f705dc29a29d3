"""Every response behind the sign-in is `no-store, private`: pages, PDFs, spreadsheets, dossiers."""

import pytest
from django.urls import reverse

from tests.factories import IntegrationProgrammeFactory
from tests.factories import ParticipantFactory
from tests.factories import ScreeningFactory
from tests.factories import SessionFactory
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_known_month

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives and "public" not in directives


@pytest.fixture
def world(facility, other_facility):
    build_known_month(facility, other_facility)
    participant = ParticipantFactory(facility=facility)
    return {
        "participant": participant,
        "screening": ScreeningFactory(participant=participant),
        "integration": IntegrationProgrammeFactory(participant=participant),
        "session": SessionFactory(cohort__programme__facility=facility),
    }


def urls(world, facility):
    month = [facility.code, NOVEMBER.year, NOVEMBER.month]
    return {
        "html list": reverse("participants:list"),
        "html detail": reverse("participants:detail", args=[world["participant"].pk]),
        "html screening": reverse("participants:screening_detail", args=[world["screening"].pk]),
        "html report": reverse("rehab:report_monthly", args=month),
        "pdf report": reverse("rehab:report_monthly_pdf", args=month),
        "xlsx report": reverse("rehab:report_monthly_xlsx", args=month),
        "xlsx export": reverse("participants:export"),
        "csv template": reverse("participants:import_template", args=["csv"]),
        "pdf dossier": reverse("rehab:dossier_pdf", args=[world["integration"].pk]),
        "pdf attendance": reverse("sessions:attendance_pdf", args=[world["session"].pk]),
    }


def test_every_personal_data_response_is_no_store_private(client, kepala, petugas, world, facility):
    failures = {}
    for kind, url in urls(world, facility).items():
        user = petugas if kind in ("csv template", "pdf attendance") else kepala
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (kind, response.status_code)
        if not no_store(response):
            failures[kind] = response.get("Cache-Control")
    assert not failures
