"""The navigation bar is built from each app's role sets: every role sees the same entries as before."""

import pytest
from django.urls import reverse

from rutan.context_processors import navigation
from rutan.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KEPALA = [
    "Beranda",
    "Warga binaan",
    "Sesi",
    "Angkatan",
    "Evaluasi",
    "PKS",
    "Dasbor",
    "Laporan",
    "Jejak audit",
    "Bapas",
]
EXPECTED = {
    Role.PETUGAS: ["Beranda", "Warga binaan", "Sesi", "Angkatan", "Evaluasi"],
    Role.FASILITATOR: ["Beranda", "Sesi", "Angkatan", "Evaluasi", "PKS"],
    Role.KEPALA: KEPALA,
    Role.ADMIN: [*KEPALA, "Admin"],
    Role.KANWIL: ["Beranda", "PKS", "Dasbor", "Laporan", "Wilayah"],
    Role.PUSAT: ["Beranda", "PKS", "Dasbor", "Laporan", "Wilayah"],
    Role.BAPAS: ["Beranda", "Bapas"],
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_it_shows_each_role_its_entries_in_order(rf, facility, region, role):
    user = UserFactory(facility=facility, region=region, role=role)
    request = rf.get(reverse("home"))
    request.user = user
    labels = [str(item["label"]) for item in navigation(request)["nav_items"]]
    assert labels == EXPECTED[role]
