import datetime as dt

import pytest
from django.urls import reverse

from sessions.models import Session
from tests.factories import CohortFactory
from tests.factories import FacilityFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.sessions.conftest import wita

pytestmark = pytest.mark.django_db


def test_it_shows_the_current_week_by_default(client, petugas, session_on, today):
    session_on(today, title="Sesi hari ini")
    session_on(today + dt.timedelta(days=14), title="Sesi dua minggu lagi")
    client.force_login(petugas)
    page = client.get(reverse("sessions:list")).content.decode()
    assert "Sesi hari ini" in page and "Sesi dua minggu lagi" not in page
    assert "Hari ini" in page


def test_it_shows_a_chosen_week_of_the_own_facility_only(
    client, petugas, session_on, other_cohort, django_assert_max_num_queries
):
    for day in range(17, 24):
        session_on(dt.date(2025, 11, day), title=f"Sesi {day} Nov")
        session_on(dt.date(2025, 11, day), title=f"Sesi sore {day} Nov")
    SessionFactory(
        cohort=other_cohort, title="Sesi Samarinda", starts_at=wita(dt.date(2025, 11, 19))
    )
    client.force_login(petugas)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("sessions:list"), {"minggu": "2025-11-19"})
    page = response.content.decode()
    assert "17 Nov – 23 Nov 2025" in page
    assert page.count('data-testid="session-card"') == 14
    assert "Sesi Samarinda" not in page


def test_it_shows_a_month(client, petugas, session_on, django_assert_max_num_queries):
    for day in (5, 12, 19, 26):
        session_on(dt.date(2025, 11, day))
    session_on(dt.date(2025, 10, 29))
    session_on(dt.date(2025, 12, 3))
    client.force_login(petugas)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("sessions:month"), {"bulan": "2025-11"})
    page = response.content.decode()
    assert "November 2025" in page and "4 sesi" in page
    # The grid starts on Monday 27 October, so 29 October shows too; it ends on 30 November.
    assert page.count('data-testid="month-session"') == 5


@pytest.mark.parametrize("params", [{"minggu": "kemarin"}, {"bulan": "2025-13"}, {"upt": "x"}])
def test_it_falls_back_on_bad_calendar_parameters(client, petugas, params):
    client.force_login(petugas)
    assert client.get(reverse("sessions:list"), params).status_code == 200
    assert client.get(reverse("sessions:month"), params).status_code == 200


def test_it_shows_times_in_the_sessions_facility_zone_to_a_facilitator(
    client, fasilitator, settings
):
    # Jayapura keeps WIT (UTC+9); the facilitator has no facility of their own.
    jayapura = FacilityFactory(code="lapas-jayapura", timezone="Asia/Jayapura")
    cohort = CohortFactory(
        programme=ProgrammeFactory(facility=jayapura, partner=fasilitator.partner)
    )
    session = SessionFactory(
        cohort=cohort,
        title="Sesi Jayapura",
        starts_at=dt.datetime(2025, 11, 19, 0, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2025, 11, 19, 2, 0, tzinfo=dt.UTC),
    )
    client.force_login(fasilitator)
    detail = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "09:00–11:00 WIT" in detail
    week = client.get(reverse("sessions:list"), {"minggu": "2025-11-19"}).content.decode()
    assert "Sesi Jayapura" in week and "09:00–11:00" in week


def test_it_lets_a_facilitator_pick_among_their_partners_facilities(
    client, fasilitator, cohort, session_on
):
    second = FacilityFactory(name="Lapas Kelas IIA Balikpapan", code="lapas-balikpapan")
    other = CohortFactory(programme=ProgrammeFactory(facility=second, partner=fasilitator.partner))
    SessionFactory(cohort=other, title="Sesi di Lapas", starts_at=wita(dt.date(2025, 11, 19)))
    session_on(dt.date(2025, 11, 19), title="Sesi di Rutan")
    client.force_login(fasilitator)
    page = client.get(
        reverse("sessions:list"), {"minggu": "2025-11-19", "upt": "lapas-balikpapan"}
    ).content.decode()
    assert "Sesi di Lapas" in page and "Sesi di Rutan" not in page
    assert 'name="upt"' in page


def test_it_hides_other_facilities_and_partners_sessions(
    client, petugas_other, fasilitator_other, session_on
):
    session = session_on(dt.date(2025, 11, 19))
    for user in (petugas_other, fasilitator_other):
        client.force_login(user)
        assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404


def test_it_shows_a_cancelled_sessions_reason(client, kepala, session_on):
    session = session_on(dt.date(2025, 11, 19))
    session.cancel(reason="Pemadaman listrik")
    client.force_login(kepala)
    page = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Pemadaman listrik" in page and "Dibatalkan" in page
    assert session.status == Session.Status.CANCELLED


def test_it_points_an_empty_week_to_the_nearest_session(client, petugas, session_on):
    session_on(dt.date(2025, 11, 19))
    client.force_login(petugas)
    page = client.get(reverse("sessions:list"), {"minggu": "2026-03-02"}).content.decode()
    assert "Tidak ada sesi pada minggu ini." in page
    assert "minggu=2025-11-19" in page and "Rabu, 19 November 2025" in page
