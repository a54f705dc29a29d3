"""Hearing days (sidang): recorded on the participant page, pre-filled on the attendance sheet,
listed in the week view and on the petugas' home."""

import datetime as dt

import pytest
from django.urls import reverse

from participants.models import CourtHearing
from sessions.models import Attendance

pytestmark = pytest.mark.django_db

PAST = dt.date(2025, 11, 19)


def hearing(participant, day, by, court="Pengadilan Negeri Balikpapan", agenda="Tuntutan"):
    return CourtHearing.objects.create(
        participant=participant, hearing_date=day, court=court, agenda=agenda, recorded_by=by
    )


def test_it_records_a_hearing_from_the_participant_page(client, login, petugas, enrol):
    person = enrol(1)[0]
    login(petugas)
    url = reverse("participants:court_hearing_create", args=[person.pk])
    response = client.post(
        url, {"hearing_date": "2025-11-19", "court": "PN Balikpapan", "agenda": "Putusan"}
    )
    assert response.status_code == 302
    assert person.court_hearings.get().court == "PN Balikpapan"
    page = client.get(reverse("participants:detail", args=[person.pk]))
    assert "PN Balikpapan" in page.content.decode()

    again = client.post(url, {"hearing_date": "2025-11-19", "court": "PN", "agenda": ""})
    assert again.status_code == 200
    assert "sudah tercatat" in again.content.decode()
    assert person.court_hearings.count() == 1


def test_it_refuses_a_hearing_from_outside_the_facility(client, login, petugas_other, enrol):
    person = enrol(1)[0]
    login(petugas_other)
    url = reverse("participants:court_hearing_create", args=[person.pk])
    assert client.post(url, {"hearing_date": "2025-11-19", "court": "PN"}).status_code == 404
    assert not CourtHearing.objects.exists()


def test_the_sheet_prefills_sidang_for_a_hearing_that_day(
    client, login, petugas, enrol, session_on
):
    session = session_on(PAST)
    at_court, staying = enrol(2)
    hearing(at_court, PAST, petugas)
    hearing(staying, PAST + dt.timedelta(days=1), petugas)
    login(petugas)

    form = client.get(reverse("sessions:attendance", args=[session.pk])).context["form"]

    assert form[f"status_{at_court.pk}"].value() == Attendance.Status.COURT
    assert "Pengadilan Negeri Balikpapan" in form[f"reason_{at_court.pk}"].value()
    assert not form[f"status_{staying.pk}"].value()


def test_a_recorded_row_wins_over_the_hearing_and_all_present_keeps_sidang(
    client, login, petugas, enrol, session_on
):
    session = session_on(PAST)
    at_court, other = enrol(2)
    hearing(at_court, PAST, petugas)
    login(petugas)
    url = reverse("sessions:attendance", args=[session.pk])

    # Without JavaScript "Semua hadir" posts the sheet as shown: the sidang row stays sidang.
    shown = client.get(url).context["form"]
    data = {"version": "0", "action": "all_present"}
    data[f"status_{at_court.pk}"] = shown[f"status_{at_court.pk}"].value()
    data[f"reason_{at_court.pk}"] = shown[f"reason_{at_court.pk}"].value()
    filled = client.post(url, data).context["form"]
    assert filled[f"status_{at_court.pk}"].value() == Attendance.Status.COURT
    assert filled[f"status_{other.pk}"].value() == Attendance.Status.PRESENT

    # Changed by hand to hadir: what is recorded is shown, not the hearing.
    save = {"version": "0", "action": "save"}
    for p in (at_court, other):
        save[f"status_{p.pk}"] = "present"
        save[f"reason_{p.pk}"] = ""
    assert client.post(url, save).status_code == 302
    form = client.get(url).context["form"]
    assert form[f"status_{at_court.pk}"].value() == Attendance.Status.PRESENT


def test_week_view_and_home_list_who_is_out_for_court(
    client, login, petugas, fasilitator, enrol, session_on, today
):
    person = enrol(1)[0]
    monday = today - dt.timedelta(days=today.weekday())
    hearing(person, monday + dt.timedelta(days=2), petugas, court="PN Balikpapan")
    hearing(person, monday + dt.timedelta(days=9), petugas, court="Sidang minggu depan")
    login(petugas)

    week = client.get(reverse("sessions:list")).content.decode()
    home = client.get(reverse("home")).content.decode()
    for page in (week, home):
        assert "PN Balikpapan" in page and person.name in page
        assert "Sidang minggu depan" not in page

    login(fasilitator)
    assert "PN Balikpapan" not in client.get(reverse("sessions:list")).content.decode()
