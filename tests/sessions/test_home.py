import datetime as dt

import pytest
from django.urls import reverse

from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.factories import CohortFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.sessions.conftest import wita

pytestmark = pytest.mark.django_db


def test_it_shows_petugas_todays_and_this_weeks_sessions_with_their_state(
    client, petugas, session_on, enrol, today
):
    todays = session_on(today, title="Sesi pagi ini")
    missed = session_on(today - dt.timedelta(days=20), title="Sesi yang terlewat")
    people = enrol(2)
    client.force_login(petugas)
    page = client.get(reverse("home")).content.decode()
    today_panel = page.split('data-testid="home-today"')[1].split("</ul>")[0]
    assert "Sesi pagi ini" in today_panel and "Kehadiran belum dicatat" in today_panel
    assert reverse("sessions:attendance", args=[todays.pk]) in today_panel
    assert "Sesi yang terlewat" in page.split('data-testid="home-to-record"')[1]

    attendance_record(
        session=todays,
        entries={p.pk: AttendanceEntry("present") for p in people},
        version=0,
        by=petugas,
    )
    page = client.get(reverse("home")).content.decode()
    assert "Kehadiran tercatat" in page.split('data-testid="home-today"')[1].split("</ul>")[0]
    assert missed.title in page


def test_it_shows_facilitators_their_upcoming_sessions_and_notes_to_write(
    client, fasilitator, session_on, today, other_cohort
):
    session_on(today + dt.timedelta(days=2), title="Sesi lusa")
    session_on(today - dt.timedelta(days=3), title="Sesi tanpa catatan")
    SessionFactory(
        cohort=other_cohort, title="Sesi mitra lain", starts_at=wita(today - dt.timedelta(days=1))
    )
    client.force_login(fasilitator)
    page = client.get(reverse("home")).content.decode()
    assert "Sesi lusa" in page.split('data-testid="home-upcoming"')[1]
    assert "Sesi tanpa catatan" in page.split('data-testid="home-notes-due"')[1]
    assert "Sesi mitra lain" not in page


def test_the_oldest_notes_to_write_stay_within_reach_when_the_card_is_full(
    client, fasilitator, session_on, today
):
    """The card lists the latest eight; "9 sesi menunggu catatan" was the only trace of the
    ninth, with no way to it."""
    oldest = session_on(today - dt.timedelta(days=40), title="Sesi paling lama")
    for days_ago in range(1, 9):
        session_on(today - dt.timedelta(days=days_ago), title=f"Sesi {days_ago} hari lalu")
    client.force_login(fasilitator)
    card = client.get(reverse("home")).content.decode().split('data-testid="home-notes-due"')[1]
    assert "Sesi paling lama" not in card.split("</ul>")[0]
    assert "9 sesi menunggu catatan." in card
    link = f'href="{reverse("sessions:notes", args=[oldest.pk])}" data-testid="home-notes-oldest"'
    assert link in card


def test_it_builds_the_home_page_in_a_fixed_number_of_queries(
    client, petugas, session_on, today, django_assert_max_num_queries
):
    for offset in range(-10, 7):
        session_on(today + dt.timedelta(days=offset))
    client.force_login(petugas)
    # One query or two per home panel, whatever the number of sessions (+1 for those leaving
    # in 30 days, issue 15; court days were already within the 18).
    with django_assert_max_num_queries(19):
        assert client.get(reverse("home")).status_code == 200


def test_the_staff_home_lists_running_cohorts_of_the_facility_only(
    client, petugas, facility, partner, today
):
    programme = ProgrammeFactory(facility=facility, partner=partner)
    span = {"start_date": today - dt.timedelta(days=30), "end_date": today + dt.timedelta(days=30)}
    CohortFactory(name="Angkatan yang berjalan", programme=programme, **span)
    CohortFactory(
        name="Angkatan yang sudah selesai",
        programme=programme,
        start_date=today - dt.timedelta(days=90),
        end_date=today - dt.timedelta(days=1),
    )
    CohortFactory(name="Angkatan rutan lain", **span)
    client.force_login(petugas)
    page = client.get(reverse("home")).content.decode()
    panel = page.split("Angkatan berjalan")[1].split("</section>")[0]
    assert "Angkatan yang berjalan" in panel
    assert "Angkatan yang sudah selesai" not in panel and "Angkatan rutan lain" not in panel
