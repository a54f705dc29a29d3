"""Named users per role, at two facilities and two partners, for every test to use."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils import translation

from rutan.models import BapasOffice
from rutan.models import Region
from rutan.reference_data import regions_import
from rutan.roles import Role
from tests.factories import FacilityFactory
from tests.factories import PartnerFactory
from tests.factories import UserFactory
from tests.service_fixtures import *  # noqa: F403  (Redis, S3 and SMTP fixtures)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's language: a request in English (LocaleMiddleware) leaves
    English active in the worker's thread for whatever test runs next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def today():
    """Today in the site's time zone (tests/sessions has its own, in WITA)."""
    return timezone.localdate()


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and generated files land in the test's own folder, which it returns."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def regions(db):
    """The 38 regions: loaded by migration, reloaded if a transactional test flushed them."""
    if not Region.objects.exists():
        regions_import(region_model=Region)
    return Region.objects.all()


@pytest.fixture
def region(regions):
    """Kalimantan Timur, the region of both named facilities."""
    return regions.get(code="64")


@pytest.fixture
def facility(region):
    return FacilityFactory(
        name="Rutan Kelas IIA Balikpapan", code="rutan-balikpapan", region=region
    )


@pytest.fixture
def other_facility(region):
    return FacilityFactory(name="Rutan Kelas IIA Samarinda", code="rutan-samarinda", region=region)


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Yayasan SEKATA", short_name="SEKATA")


@pytest.fixture
def other_partner(db):
    return PartnerFactory(name="Yayasan Harapan Baru", short_name="Harapan Baru")


def named_user(username, role, **places):
    """A fixture for the user `username` with `role`, placed at the fixtures named in `places`
    (facility="other_facility", partner="partner", ...); with no facility named, it has none."""

    @pytest.fixture
    def user(request, db):
        place = {field: request.getfixturevalue(name) for field, name in places.items()}
        return UserFactory(username=username, role=role, **{"facility": None, **place})

    return user


petugas = named_user("petugas", Role.PETUGAS, facility="facility")
kepala = named_user("kepala", Role.KEPALA, facility="facility")
fasilitator = named_user("fasilitator", Role.FASILITATOR, partner="partner")
admin_user = named_user("admin", Role.ADMIN)
petugas_other = named_user("petugas_samarinda", Role.PETUGAS, facility="other_facility")
fasilitator_other = named_user("fasilitator_b", Role.FASILITATOR, partner="other_partner")
kanwil = named_user("kanwil", Role.KANWIL, region="region")
pusat = named_user("pusat", Role.PUSAT)


@pytest.fixture
def kanwil_other(regions):
    """The Kanwil of DKI Jakarta: none of the named facilities is theirs."""
    jakarta = Region.objects.get(code="31")
    return UserFactory(username="kanwil_jakarta", facility=None, region=jakarta, role=Role.KANWIL)


@pytest.fixture
def login(client):
    """Sign a user in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def login_as(request, login):
    """Sign in the user of the named fixture ("petugas", "kanwil_other"...), for tests
    parametrised by role; returns the client."""

    def _login_as(fixture_name: str):
        return login(request.getfixturevalue(fixture_name))

    return _login_as


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached figures (the national home counts, kept PDFs' keys) never leak between tests."""

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def bapas_office(facility):
    office = BapasOffice.objects.create(name="Bapas Kelas II Balikpapan", city="Balikpapan")
    office.facilities.add(facility)
    return office


bapas = named_user("bapas", Role.BAPAS, bapas_office="bapas_office")
