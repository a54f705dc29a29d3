"""A reason belongs to its status: hadir and terlambat carry none, on the sheet and on paper."""

import datetime as dt

import pytest
from django.urls import reverse

from sessions.models import Attendance
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.pdf_checks import pdf_text
from tests.sessions.test_attendance import sheet_data

pytestmark = pytest.mark.django_db

PAST = dt.date(2025, 11, 19)


def test_it_drops_the_reason_when_a_row_goes_back_to_present(session_on, enrol, petugas):
    session = session_on(PAST)
    people = enrol(3)
    entries = {p.pk: AttendanceEntry("present") for p in people}
    entries[people[0].pk] = AttendanceEntry("sick", "Demam")
    version = attendance_record(session=session, entries=entries, version=0, by=petugas)

    # Switched back one by one: the text field still says "Demam", the page sends it along.
    entries[people[0].pk] = AttendanceEntry("present", "Demam")
    entries[people[1].pk] = AttendanceEntry("late", "Terlambat 10 menit")
    entries[people[2].pk] = AttendanceEntry("absent", "  Menolak hadir ")
    attendance_record(session=session, entries=entries, version=version, by=petugas)

    rows = {a.participant_id: a for a in session.attendances.all()}
    assert (rows[people[0].pk].status, rows[people[0].pk].reason) == ("present", "")
    assert (rows[people[1].pk].status, rows[people[1].pk].reason) == ("late", "")
    # Alpa may carry a reason.
    assert rows[people[2].pk].reason == "Menolak hadir"


def test_it_never_prints_hadir_with_a_reason_after_semua_hadir(client, petugas, todays_sheet):
    session, people, url = todays_sheet(petugas, 2)
    data = sheet_data(people, changes={people[0].pk: ("sick", "Demam")})
    assert client.post(url, data).status_code == 302

    # "Semua hadir" without JavaScript fills every row with hadir and keeps what was typed...
    data.update(version="1", action="all_present")
    page = client.post(url, data).content.decode()
    assert 'value="Demam"' in page
    # ...and saving that form keeps no reason for a hadir row.
    data["action"] = "save"
    data[f"status_{people[0].pk}"] = "present"
    assert client.post(url, data).status_code == 302
    row = Attendance.objects.get(session=session, participant=people[0])
    assert (row.status, row.reason) == ("present", "")

    text = pdf_text(client.get(reverse("sessions:attendance_pdf", args=[session.pk])).content)
    assert "Demam" not in text and "Hadir" in text


def test_it_offers_common_reasons_per_status_beside_free_text(client, petugas, session_on, enrol):
    session = session_on(PAST)
    enrol(1)
    client.force_login(petugas)
    page = client.get(reverse("sessions:attendance", args=[session.pk])).content.decode()
    assert '<datalist id="reasons-sick">' in page and '<option value="Demam">' in page
    assert '<datalist id="reasons-court">' in page
    assert '<datalist id="reasons-present">' not in page
