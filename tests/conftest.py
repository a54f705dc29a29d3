"""Named users per role, at two facilities and two partners, for every test to use."""

import pytest

from rutan.roles import Role
from tests.factories import FacilityFactory, PartnerFactory, UserFactory


@pytest.fixture
def facility(db):
    return FacilityFactory(name="Rutan Kelas IIA Balikpapan", code="rutan-balikpapan")


@pytest.fixture
def other_facility(db):
    return FacilityFactory(name="Rutan Kelas IIA Samarinda", code="rutan-samarinda")


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Yayasan SEKATA", short_name="SEKATA")


@pytest.fixture
def other_partner(db):
    return PartnerFactory(name="Yayasan Harapan Baru", short_name="Harapan Baru")


@pytest.fixture
def petugas(facility):
    return UserFactory(username="petugas", facility=facility, role=Role.PETUGAS)


@pytest.fixture
def kepala(facility):
    return UserFactory(username="kepala", facility=facility, role=Role.KEPALA)


@pytest.fixture
def fasilitator(partner):
    return UserFactory(
        username="fasilitator", facility=None, partner=partner, role=Role.FASILITATOR
    )


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", facility=None, role=Role.ADMIN)


@pytest.fixture
def petugas_other(other_facility):
    return UserFactory(username="petugas_samarinda", facility=other_facility, role=Role.PETUGAS)


@pytest.fixture
def fasilitator_other(other_partner):
    return UserFactory(
        username="fasilitator_b", facility=None, partner=other_partner, role=Role.FASILITATOR
    )


@pytest.fixture
def login(client):
    """Sign a user in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def bapas_office(facility):
    from rutan.models import BapasOffice

    office = BapasOffice.objects.create(name="Bapas Kelas II Balikpapan", city="Balikpapan")
    office.facilities.add(facility)
    return office


@pytest.fixture
def bapas(bapas_office):
    return UserFactory(username="bapas", facility=None, bapas_office=bapas_office, role=Role.BAPAS)
