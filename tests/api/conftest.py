"""Fixtures of the API tests: a fresh throttle for every test and a known month in two regions."""

import pytest
from django.core.cache import cache

from rutan.models import Region
from tests.factories import FacilityFactory
from tests.rehab.reports_fixture import build_known_month
from tests.rehab.reports_fixture import build_month


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


@pytest.fixture
def known(facility, other_facility):
    build_known_month(facility, other_facility)
    jakarta = FacilityFactory(code="lapas-jakarta", region=Region.objects.get(code="31"))
    build_month(jakarta, participants=5, sessions=1)
    return facility
