"""The demo's oversight users: a Kanwil for Kalimantan Timur and Ditjenpas, over three facilities."""

import pytest
from django.conf import settings
from django.core.management import call_command

from rutan.models import Facility
from rutan.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, verbosity=0)


def test_the_demo_has_a_third_facility_in_another_region(demo):
    regions = dict(Facility.objects.values_list("code", "region__code"))
    assert regions == {
        "rutan-balikpapan": "64",
        "rutan-samarinda": "64",
        "lapas-narkotika-jakarta": "31",
    }


def test_the_demo_kanwil_sees_balikpapan_and_samarinda_and_pusat_all(client, demo):
    kanwil = User.objects.get(username="kanwil")
    assert kanwil.check_password(settings.DEMO_PASSWORD)
    client.force_login(kanwil)
    page = client.get("/program/wilayah/").content.decode()
    assert "row-rutan-balikpapan" in page and "row-rutan-samarinda" in page
    assert "row-lapas-narkotika-jakarta" not in page
    client.logout()
    client.force_login(User.objects.get(username="pusat"))
    page = client.get("/program/wilayah/").content.decode()
    assert page.count('data-testid="row-') == 3
    assert User.objects.get(username="pusat").role == "pusat"
