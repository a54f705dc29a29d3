import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rutan.models import AuditEvent
from sessions.models import Attendance
from sessions.models import Session
from sessions.services import AttendanceConflict
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

PAST = dt.date(2025, 11, 19)


def sheet_data(participants, version=0, status="present", changes=None):
    """POST data for the sheet: everyone `status`, with per-participant (status, reason) changes."""
    data = {"version": str(version), "action": "save"}
    for p in participants:
        s, r = (changes or {}).get(p.pk, (status, ""))
        data[f"status_{p.pk}"] = s
        data[f"reason_{p.pk}"] = r
    return data


def all_present(participants):
    return {p.pk: AttendanceEntry("present") for p in participants}


def saved_twice(session_on, enrol, first, second, *, count=3, sick=1):
    """A sheet of `count` people saved all present by `first`, then `second` marks the one at
    index `sick` ill (by default: 3 people, the second one sick)."""
    session = session_on(PAST)
    people = enrol(count)
    attendance_record(session=session, entries=all_present(people), version=0, by=first)
    theirs = all_present(people)
    theirs[people[sick].pk] = AttendanceEntry("sick", "Demam")
    attendance_record(session=session, entries=theirs, version=1, by=second)
    return session, people, theirs


def test_it_records_a_whole_sheet_with_history_and_marks_the_session_held(
    session_on, enrol, petugas
):
    session = session_on(PAST)
    people = enrol(60)
    entries = all_present(people)
    entries[people[0].pk] = AttendanceEntry("sick", "Demam")

    version = attendance_record(session=session, entries=entries, version=0, by=petugas)

    session.refresh_from_db()
    assert version == 1 and session.attendance_version == 1
    assert session.status == Session.Status.HELD
    assert session.attendances.count() == 60
    assert session.attendances.get(participant=people[0]).reason == "Demam"
    history = Attendance.history.filter(session_id=session.pk)
    assert history.count() == 60
    assert set(history.values_list("history_user", flat=True)) == {petugas.pk}


def test_it_saves_60_rows_in_as_many_queries_as_6(session_on, enrol, petugas):
    small, large = session_on(PAST), session_on(PAST + dt.timedelta(days=1))
    few, many = enrol(6), enrol(60)
    # Enrolments are per cohort: both sessions see all 66; record only the named rows.
    with CaptureQueriesContext(connection) as few_queries:
        attendance_record(session=small, entries=all_present(few), version=0, by=petugas)
    with CaptureQueriesContext(connection) as many_queries:
        attendance_record(session=large, entries=all_present(many), version=0, by=petugas)
    assert len(many_queries) == len(few_queries)
    assert len(many_queries) <= 12

    # An update of every row costs the same.
    changed = {p.pk: AttendanceEntry("absent") for p in many}
    with CaptureQueriesContext(connection) as update_queries:
        attendance_record(session=large, entries=changed, version=1, by=petugas)
    assert len(update_queries) <= 12
    assert Attendance.history.filter(session_id=large.pk, history_type="~").count() == 60


def test_it_changes_only_rows_that_changed(session_on, enrol, petugas):
    session = session_on(PAST)
    people = enrol(5)
    attendance_record(session=session, entries=all_present(people), version=0, by=petugas)
    entries = all_present(people)
    entries[people[2].pk] = AttendanceEntry("court", "Sidang di PN Balikpapan")
    attendance_record(session=session, entries=entries, version=1, by=petugas)
    changes = Attendance.history.filter(session_id=session.pk, history_type="~")
    assert list(changes.values_list("participant_id", "status")) == [(people[2].pk, "court")]


def test_it_saves_the_same_input_twice_without_duplicates_or_a_new_version(
    session_on, enrol, petugas
):
    session = session_on(PAST)
    people = enrol(4)
    attendance_record(session=session, entries=all_present(people), version=0, by=petugas)
    # The second submit of the same form still carries version 0.
    assert (
        attendance_record(session=session, entries=all_present(people), version=0, by=petugas) == 1
    )
    assert session.attendances.count() == 4
    assert Attendance.history.filter(session_id=session.pk).count() == 4


def test_it_refuses_to_overwrite_a_newer_change_silently(session_on, enrol, petugas, kepala):
    session, people, theirs = saved_twice(session_on, enrol, petugas, kepala)

    mine = all_present(people)
    mine[people[0].pk] = AttendanceEntry("late")
    with pytest.raises(AttendanceConflict) as caught:
        attendance_record(session=session, entries=mine, version=1, by=petugas)

    assert [row.participant for row in caught.value.rows] == [people[1]]
    assert caught.value.rows[0].saved.status == "sick"
    assert caught.value.version == 2
    assert session.attendances.get(participant=people[1]).status == "sick"
    assert session.attendances.get(participant=people[0]).status == "present"


def test_it_merges_a_stale_form_when_the_other_change_agrees(session_on, enrol, petugas, kepala):
    session, people, theirs = saved_twice(session_on, enrol, petugas, kepala)
    mine = dict(theirs)
    mine[people[2].pk] = AttendanceEntry("absent")
    assert attendance_record(session=session, entries=mine, version=1, by=petugas) == 3
    assert session.attendances.get(participant=people[2]).status == "absent"


def test_it_rejects_participants_who_are_not_on_the_sheet(session_on, enrol, petugas):
    session = session_on(PAST)
    enrol(2)
    stranger = ParticipantFactory(facility=session.cohort.programme.facility)
    with pytest.raises(ValueError):
        attendance_record(
            session=session,
            entries={stranger.pk: AttendanceEntry("present")},
            version=0,
            by=petugas,
        )
    assert not session.attendances.exists()


# The sheet page


def test_it_shows_60_participants_in_a_fixed_number_of_queries(
    client, petugas, session_on, enrol, django_assert_max_num_queries
):
    session = session_on(PAST)
    people = enrol(60)
    attendance_record(session=session, entries=all_present(people), version=0, by=petugas)
    client.force_login(petugas)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("sessions:attendance", args=[session.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="attendance-row"') == 60


def test_it_saves_the_sheet_of_60_in_a_fixed_number_of_queries(
    client, petugas, session_on, enrol, django_assert_max_num_queries
):
    session = session_on(PAST)
    people = enrol(60)
    client.force_login(petugas)
    with django_assert_max_num_queries(22):
        response = client.post(
            reverse("sessions:attendance", args=[session.pk]), sheet_data(people)
        )
    assert response.status_code == 302
    assert session.attendances.count() == 60


def test_it_lets_a_petugas_record_all_present_but_two(client, petugas, session_on, enrol):
    session = session_on(PAST)
    people = enrol(10)
    client.force_login(petugas)
    data = sheet_data(
        people,
        changes={people[3].pk: ("court", "Sidang di PN Balikpapan"), people[7].pk: ("absent", "")},
    )
    response = client.post(reverse("sessions:attendance", args=[session.pk]), data, follow=True)
    assert "Daftar hadir tersimpan." in response.content.decode()
    statuses = dict(session.attendances.values_list("participant_id", "status"))
    assert statuses[people[3].pk] == "court" and statuses[people[7].pk] == "absent"
    assert list(statuses.values()).count("present") == 8


def test_it_asks_for_a_reason_in_indonesian_and_keeps_every_input(
    client, petugas, session_on, enrol
):
    session = session_on(PAST)
    people = enrol(3)
    client.force_login(petugas)
    data = sheet_data(
        people, changes={people[0].pk: ("sick", ""), people[1].pk: ("late", "Terlambat dari blok")}
    )
    response = client.post(reverse("sessions:attendance", args=[session.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Keterangan wajib diisi untuk izin, sakit, atau sidang." in page
    assert 'value="Terlambat dari blok"' in page
    assert f'id="s-{people[0].pk}-sick" value="sick" autocomplete="off" checked' in page
    assert f'id="s-{people[1].pk}-late" value="late" autocomplete="off" checked' in page
    assert not session.attendances.exists()


def test_a_refused_sheet_links_to_each_row_to_correct(client, petugas, session_on, enrol):
    """On a phone the red row may be far down the sheet: the message at the top leads to it."""
    session = session_on(PAST)
    people = enrol(3)
    client.force_login(petugas)
    data = sheet_data(people, changes={people[2].pk: ("sick", "")})
    del data[f"status_{people[0].pk}"]
    page = client.post(reverse("sessions:attendance", args=[session.pk]), data).content.decode()
    rows = page[page.index('data-testid="sheet-error-rows"') :]
    assert f'href="#r-{people[2].pk}">{people[2].name}: Keterangan wajib diisi' in rows
    assert f'href="#s-{people[0].pk}-present">{people[0].name}: Pilih status kehadiran.' in rows
    assert f'id="s-{people[0].pk}-present"' in page and f'id="r-{people[2].pk}"' in page
    assert f"#r-{people[1].pk}" not in rows


def test_it_asks_for_every_row(client, petugas, session_on, enrol):
    session = session_on(PAST)
    people = enrol(2)
    client.force_login(petugas)
    data = sheet_data(people)
    del data[f"status_{people[1].pk}"]
    response = client.post(reverse("sessions:attendance", args=[session.pk]), data)
    assert response.status_code == 400
    assert "Pilih status kehadiran." in response.content.decode()


def test_it_marks_everyone_present_without_javascript_and_saves_nothing(
    client, petugas, session_on, enrol
):
    session = session_on(PAST)
    people = enrol(3)
    client.force_login(petugas)
    data = {"version": "0", "action": "all_present", f"reason_{people[0].pk}": "catatan"}
    response = client.post(reverse("sessions:attendance", args=[session.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    for p in people:
        assert f'id="s-{p.pk}-present" value="present" autocomplete="off" checked' in page
    assert 'value="catatan"' in page
    assert not session.attendances.exists()


def test_it_shows_the_second_saver_what_changed_and_keeps_their_input(
    client, petugas, kepala, session_on, enrol, today
):
    session = session_on(today)
    people = enrol(3)
    url = reverse("sessions:attendance", args=[session.pk])
    # Someone else saves first, from a form also loaded at version 0.
    other = {p.pk: AttendanceEntry("present") for p in people}
    other[people[1].pk] = AttendanceEntry("sick", "Demam tinggi")
    attendance_record(session=session, entries=other, version=0, by=kepala)

    client.force_login(petugas)
    mine = sheet_data(people, changes={people[2].pk: ("excused", "Kunjungan keluarga")})
    response = client.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "baru saja diubah orang lain" in page
    assert "Demam tinggi" in page and str(kepala) in page
    assert 'value="Kunjungan keluarga"' in page  # my input is still there
    assert 'name="version" value="1"' in page
    assert session.attendances.get(participant=people[1]).status == "sick"
    assert not session.attendances.filter(status="excused").exists()

    # Saving again from the conflict page applies my input deliberately.
    mine["version"] = "1"
    assert client.post(url, mine).status_code == 302
    assert session.attendances.get(participant=people[1]).status == "present"
    assert session.attendances.get(participant=people[2]).status == "excused"


def test_it_never_creates_duplicates_when_the_same_form_is_posted_twice(
    client, petugas, todays_sheet
):
    session, people, url = todays_sheet(petugas, 5)
    assert client.post(url, sheet_data(people)).status_code == 302
    assert client.post(url, sheet_data(people)).status_code == 302
    assert session.attendances.count() == 5


# Who may change a sheet, and when


def test_it_lets_petugas_correct_a_sheet_for_7_days_only(client, petugas, session_on, enrol, today):
    recent, old = session_on(today - dt.timedelta(days=7)), session_on(today - dt.timedelta(days=8))
    people = enrol(2)
    for session in (recent, old):
        attendance_record(session=session, entries=all_present(people), version=0, by=petugas)
    client.force_login(petugas)
    data = sheet_data(people, version=1, status="late")
    assert client.post(reverse("sessions:attendance", args=[recent.pk]), data).status_code == 302
    page = client.get(reverse("sessions:attendance", args=[old.pk])).content.decode()
    assert "hanya oleh kepala rutan" in page and "data-attendance-form" not in page
    assert client.post(reverse("sessions:attendance", args=[old.pk]), data).status_code == 403


def test_it_lets_petugas_enter_a_never_recorded_sheet_late(client, petugas, session_on, enrol):
    session = session_on(PAST)
    people = enrol(2)
    client.force_login(petugas)
    response = client.post(reverse("sessions:attendance", args=[session.pk]), sheet_data(people))
    assert response.status_code == 302


def test_it_lets_the_kepala_correct_an_old_sheet_with_a_reason(
    client, petugas, kepala, session_on, enrol, today
):
    session = session_on(today - dt.timedelta(days=30))
    people = enrol(2)
    attendance_record(session=session, entries=all_present(people), version=0, by=petugas)
    client.force_login(kepala)
    url = reverse("sessions:attendance", args=[session.pk])
    data = sheet_data(people, version=1, changes={people[0].pk: ("court", "Sidang PN")})
    response = client.post(url, data)
    assert response.status_code == 400 and "Tulis alasan perubahan." in response.content.decode()

    data["change_reason"] = "Salah catat, sesuai surat panggilan sidang"
    assert client.post(url, data).status_code == 302
    record = Attendance.history.filter(participant_id=people[0].pk, history_type="~").get()
    assert record.status == "court" and record.history_user == kepala
    assert record.history_change_reason == "Salah catat, sesuai surat panggilan sidang"
    assert AuditEvent.objects.filter(action="attendance.correct", user=kepala).exists()


def test_it_keeps_the_kepala_read_only_while_petugas_may_still_edit(
    client, petugas, kepala, todays_sheet
):
    _session, people, url = todays_sheet(kepala, 2)
    assert 'data-testid="read-only"' in client.get(url).content.decode()
    assert client.post(url, sheet_data(people)).status_code == 403


def test_it_does_not_take_attendance_before_the_session_day(
    client, petugas, session_on, enrol, today
):
    session = session_on(today + dt.timedelta(days=1))
    people = enrol(1)
    client.force_login(petugas)
    url = reverse("sessions:attendance", args=[session.pk])
    assert "mulai hari sesi" in client.get(url).content.decode()
    assert client.post(url, sheet_data(people)).status_code == 403


def test_it_hides_another_facilitys_sheet(client, petugas_other, session_on):
    session = session_on(PAST)
    client.force_login(petugas_other)
    assert client.get(reverse("sessions:attendance", args=[session.pk])).status_code == 404
    assert client.post(reverse("sessions:attendance", args=[session.pk]), {}).status_code == 404


def test_it_keeps_facilitators_out_of_the_sheet(client, fasilitator, session_on):
    session = session_on(PAST)
    client.force_login(fasilitator)
    assert client.get(reverse("sessions:attendance", args=[session.pk])).status_code == 403


def test_it_lists_every_change_in_the_history_page(client, petugas, session_on, enrol):
    session, _people, _entries = saved_twice(session_on, enrol, petugas, petugas, count=2, sick=0)
    client.force_login(petugas)
    page = client.get(reverse("sessions:attendance_history", args=[session.pk])).content.decode()
    assert page.count("<tr>") == 1 + 3 and "Demam" in page
