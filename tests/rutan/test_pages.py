import datetime as dt

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from rutan import health
from rutan.roles import Role
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory


@pytest.mark.django_db
def test_it_answers_health_when_the_database_answers(client):
    response = client.get("/health")
    assert response.status_code == 200 and response.json()["database"] == "ok"


@pytest.mark.django_db
def test_it_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_database():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "check_database", broken_database)
    response = client.get("/health")
    assert response.status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_fixture,expected_nav,absent_nav",
    [
        ("petugas", "Warga binaan", "Laporan"),
        ("kepala", "Warga binaan", None),
        ("fasilitator", "Beranda", "Warga binaan"),
        ("admin_user", "Admin", None),
        ("bapas", "Diserahkan ke Bapas", "Warga binaan"),
    ],
)
def test_it_shows_each_role_its_home(request, client, user_fixture, expected_nav, absent_nav):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert expected_nav in page
    if absent_nav:
        assert f">{absent_nav}<" not in page


@pytest.mark.django_db
def test_it_counts_only_the_own_facilitys_participants_on_home(client, petugas, other_facility):
    ParticipantFactory.create_batch(3, facility=petugas.facility)
    ParticipantFactory.create_batch(5, facility=other_facility)
    client.force_login(petugas)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="participants-total">3<' in page


@pytest.mark.django_db
def test_it_lists_a_facilitators_own_partner_cohorts_only(client, fasilitator, other_partner):
    today = dt.date.today()
    mine = CohortFactory(
        name="Angkatan SEKATA",
        programme=ProgrammeFactory(partner=fasilitator.partner),
        start_date=today,
        end_date=today + dt.timedelta(days=30),
    )
    CohortFactory(
        name="Angkatan mitra lain",
        programme=ProgrammeFactory(partner=other_partner),
        start_date=today,
        end_date=today + dt.timedelta(days=30),
    )
    client.force_login(fasilitator)
    page = client.get(reverse("home")).content.decode()
    assert mine.name in page and "Angkatan mitra lain" not in page


@pytest.mark.django_db
def test_it_hides_internals_on_404(client, petugas):
    client.force_login(petugas)
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Halaman tidak ditemukan" in page and "Traceback" not in page


@pytest.mark.django_db
def test_it_tells_a_user_without_role(client, facility):
    client.force_login(UserFactory(facility=facility))
    assert "belum memiliki peran" in client.get(reverse("home")).content.decode()


def test_roles_are_the_six_of_the_design_and_bapas():
    assert set(Role.values) == {
        "petugas",
        "fasilitator",
        "kepala",
        "admin",
        "kanwil",
        "pusat",
        "bapas",
    }


@pytest.mark.django_db
def test_it_builds_home_in_a_fixed_number_of_queries(
    client, petugas, django_assert_max_num_queries
):
    today = dt.date.today()
    cohort = CohortFactory(
        programme=ProgrammeFactory(facility=petugas.facility),
        start_date=today,
        end_date=today + dt.timedelta(days=30),
    )
    for _ in range(15):
        EnrollmentFactory(cohort=cohort, participant__facility=petugas.facility)
    for day in range(5):
        SessionFactory(cohort=cohort, starts_at=timezone.now() + dt.timedelta(days=day))
    client.force_login(petugas)
    # 18, plus this week's court days and the count of those leaving in 30 days (issue 15).
    with django_assert_max_num_queries(20):
        response = client.get(reverse("home"))
    assert response.status_code == 200
