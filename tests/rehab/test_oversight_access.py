"""The oversight roles (Kanwil, Ditjenpas) on the facility pages they drill into.

They read a facility's dashboard, reports and agreements (their region's, or every one);
they change nothing, never open a person's file, and see a person by initials at most.
"""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from rehab.models import Partner
from rutan.models import Facility
from rutan.roles import Role
from rutan.scoping import scope_queryset
from tests.factories import AgreementFactory
from tests.factories import FacilityFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ParticipantFactory
from tests.factories import UserFactory
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, MISSING = 200, 403, 404
ORACLE = ["kanwil", "pusat", "kanwil_other"]


@pytest.fixture
def urls(facility, partner):
    agreement = AgreementFactory(facility=facility, partner=partner)
    agreement.document.save("pks.pdf", ContentFile(pdf_bytes()), save=True)
    integration = IntegrationProgrammeFactory(
        participant=ParticipantFactory(facility=facility, name="Budi Santoso")
    )
    return {
        "agreement_list": reverse("rehab:agreement_list"),
        "agreement_detail": reverse("rehab:agreement_detail", args=[agreement.pk]),
        "agreement_document": reverse("rehab:agreement_document", args=[agreement.pk]),
        "agreement_create": reverse("rehab:agreement_create"),
        "agreement_edit": reverse("rehab:agreement_edit", args=[agreement.pk]),
        "agreement_addendum_create": reverse(
            "rehab:agreement_addendum_create", args=[agreement.pk]
        ),
        "agreement_terminate": reverse("rehab:agreement_terminate", args=[agreement.pk]),
        "partner_list": reverse("rehab:partner_list"),
        "partner_detail": reverse("rehab:partner_detail", args=[partner.pk]),
        "partner_create": reverse("rehab:partner_create"),
        "cohort_list": reverse("rehab:cohort_list"),
        "module_list": reverse("rehab:module_list"),
        "report_monthly_pdf": reverse("rehab:report_monthly_pdf", args=[facility.code, 2025, 11]),
        "report_monthly_xlsx": reverse("rehab:report_monthly_xlsx", args=[facility.code, 2025, 11]),
        "dossier_pdf": reverse("rehab:dossier_pdf", args=[integration.pk]),
    }


# Expected status for: Kanwil of the facility's region, Ditjenpas, Kanwil of another region.
MATRIX = {
    "agreement_list": [OK, OK, OK],
    "agreement_detail": [OK, OK, MISSING],
    "agreement_document": [OK, OK, MISSING],
    "agreement_create": [FORBIDDEN] * 3,
    "agreement_edit": [FORBIDDEN] * 3,
    "agreement_addendum_create": [FORBIDDEN] * 3,
    "agreement_terminate": [FORBIDDEN] * 3,
    "partner_list": [FORBIDDEN] * 3,
    "partner_detail": [FORBIDDEN] * 3,
    "partner_create": [FORBIDDEN] * 3,
    "cohort_list": [FORBIDDEN] * 3,
    "module_list": [FORBIDDEN] * 3,
    "report_monthly_pdf": [OK, OK, MISSING],
    "report_monthly_xlsx": [OK, OK, MISSING],
    "dossier_pdf": [FORBIDDEN] * 3,
}


@pytest.mark.parametrize("index,role", list(enumerate(ORACLE)))
def test_it_answers_each_oversight_role_as_designed(login_as, client, urls, index, role):
    login_as(role)
    found = {name: client.get(url).status_code for name, url in urls.items()}
    assert found == {name: statuses[index] for name, statuses in MATRIX.items()}


def test_a_kanwil_reaches_the_facilities_of_its_region_only(kanwil, facility, other_facility):
    elsewhere = FacilityFactory(code="lapas-jakarta")
    seen = scope_queryset(kanwil, Facility.objects.all(), facility="pk")
    assert set(seen) == {facility, other_facility}
    assert elsewhere not in seen


def test_pusat_reaches_every_facility_but_no_partner_only_object(pusat, facility, partner):
    FacilityFactory(code="lapas-jakarta")
    assert scope_queryset(pusat, Facility.objects.all(), facility="pk").count() == 2
    assert not scope_queryset(pusat, Partner.objects.all(), facility=None, partner="pk").exists()


def test_a_kanwil_without_region_sees_nothing(facility):
    lost = UserFactory(facility=None, region=None, role=Role.KANWIL)
    assert not scope_queryset(lost, Facility.objects.all(), facility="pk").exists()


def test_oversight_sees_a_person_by_initials_and_number_only(client, kanwil, facility):
    integration = IntegrationProgrammeFactory(
        participant=ParticipantFactory(facility=facility, name="Budi Santoso")
    )
    client.force_login(kanwil)
    for url in (reverse("rehab:report_index"), reverse("rehab:dashboard")):
        page = client.get(url).content.decode()
        assert "Budi Santoso" not in page, url
        assert reverse("rehab:dossier_pdf", args=[integration.pk]) not in page
    page = client.get(reverse("rehab:report_index")).content.decode()
    assert "B.S." in page and integration.participant.registration_number in page


def test_the_kepala_still_sees_the_name_and_the_dossier(client, kepala, facility):
    integration = IntegrationProgrammeFactory(
        participant=ParticipantFactory(facility=facility, name="Budi Santoso")
    )
    client.force_login(kepala)
    page = client.get(reverse("rehab:report_index")).content.decode()
    assert "Budi Santoso" in page
    assert reverse("rehab:dossier_pdf", args=[integration.pk]) in page


@pytest.mark.parametrize("role", ["kanwil", "pusat"])
def test_no_link_on_an_oversight_readers_pages_leads_to_a_refusal(login_as, client, role, facility):
    """Every link on the pages an oversight reader opens answers them (no 403/404 behind a link)."""
    login_as(role)
    pages = [
        reverse("home"),
        reverse("rehab:oversight"),
        reverse("rehab:dashboard") + f"?upt={facility.code}",
        reverse("rehab:report_index"),
        reverse("rehab:agreement_list"),
    ]
    refused = []
    for page in pages:
        html = client.get(page).content.decode()
        for href in set(re.findall(r'href="(/[^"#]*)"', html)):
            href = href.replace("&amp;", "&")
            if href.startswith(("/static/", "/keluar", "/bahasa")):
                continue
            status = client.get(href).status_code
            if status in (403, 404):
                refused.append((page, href, status))
    assert refused == []
