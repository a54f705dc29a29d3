import datetime as dt

import pytest
from django.urls import reverse

from sessions.models import Observation
from sessions.models import Session
from sessions.services import AttendanceEntry
from sessions.services import attendance_record

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 19)


def notes_data(people, engagement=None, **extra):
    data = {
        "version": "0",
        "summary": "Sepuluh hal berbahaya dalam proses recovery dibahas bersama.",
        "follow_ups": "Tiap peserta menulis tiga tanda bahaya pribadinya.",
        "methods": ["group_discussion", "self_reflection", "case_examples"],
    }
    for p in people:
        data[f"engagement_{p.pk}"] = str((engagement or {}).get(p.pk, ""))
        data[f"remark_{p.pk}"] = ""
    data.update(extra)
    return data


def notes_saved(client, fasilitator, session, person, engagement: int, remark: str) -> None:
    """The facilitator saves the session's notes with one observation: of `person`."""
    client.force_login(fasilitator)
    data = notes_data([person], engagement={person.pk: engagement})
    data[f"remark_{person.pk}"] = remark
    client.post(reverse("sessions:notes", args=[session.pk]), data)


def test_it_lets_a_facilitator_write_notes_and_observations(client, fasilitator, session_on, enrol):
    session = session_on(DAY)
    people = enrol(3)
    client.force_login(fasilitator)
    data = notes_data(people, engagement={people[0].pk: 5, people[1].pk: 3})
    data[f"remark_{people[0].pk}"] = "Berbagi pengalaman relapse dengan jujur"
    response = client.post(reverse("sessions:notes", args=[session.pk]), data, follow=True)
    assert "Catatan sesi dan observasi tersimpan." in response.content.decode()
    session.refresh_from_db()
    assert session.methods == ["group_discussion", "self_reflection", "case_examples"]
    assert session.notes_by == fasilitator and session.notes_at
    assert session.status == Session.Status.HELD
    observations = {o.participant_id: o for o in session.observations.all()}
    assert observations[people[0].pk].engagement == 5
    assert observations[people[0].pk].remark == "Berbagi pengalaman relapse dengan jujur"
    assert observations[people[1].pk].engagement == 3 and people[2].pk not in observations
    assert Observation.history.filter(session_id=session.pk, history_user=fasilitator).count() == 2

    # Clearing a score removes that observation; its history stays.
    data[f"engagement_{people[1].pk}"] = ""
    data["version"] = "1"
    client.post(reverse("sessions:notes", args=[session.pk]), data)
    assert session.observations.count() == 1
    assert Observation.history.filter(history_type="-").count() == 1


def test_it_explains_missing_notes_in_indonesian_and_keeps_the_input(
    client, fasilitator, session_on, enrol
):
    session = session_on(DAY)
    people = enrol(2)
    client.force_login(fasilitator)
    data = notes_data(people, summary="")
    data[f"remark_{people[1].pk}"] = "Menarik diri dari diskusi"
    response = client.post(reverse("sessions:notes", args=[session.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tulis ringkasan pelaksanaan sesi." in page
    assert "Pilih nilai keterlibatan 1–5 bila menulis catatan." in page
    assert 'value="Menarik diri dari diskusi"' in page
    assert not session.observations.exists()


def test_it_hides_another_partners_session_from_a_facilitator(
    client, fasilitator_other, session_on, enrol
):
    session = session_on(DAY)
    people = enrol(1)
    client.force_login(fasilitator_other)
    url = reverse("sessions:notes", args=[session.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, notes_data(people)).status_code == 404
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404


def test_it_keeps_observations_from_petugas(client, petugas, fasilitator, session_on, enrol):
    session = session_on(DAY)
    [person] = enrol(1)
    notes_saved(client, fasilitator, session, person, 2, "Catatan rahasia fasilitator")

    client.force_login(petugas)
    assert client.get(reverse("sessions:notes", args=[session.pk])).status_code == 403
    detail = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Catatan rahasia fasilitator" not in detail
    assert "Sepuluh hal berbahaya" in detail  # the session summary is not private


def test_it_shows_the_kepala_notes_and_observations_read_only(
    client, kepala, fasilitator, session_on, enrol
):
    session = session_on(DAY)
    people = enrol(1)
    notes_saved(client, fasilitator, session, people[0], 4, "Aktif bertanya")

    client.force_login(kepala)
    url = reverse("sessions:notes", args=[session.pk])
    page = client.get(url).content.decode()
    assert "Aktif bertanya" in page and "4/5" in page and "<form" not in page.split("<main")[1]
    assert client.post(url, notes_data(people)).status_code == 403


def test_it_shows_40_observations_in_a_fixed_number_of_queries(
    client, fasilitator, petugas, session_on, enrol, django_assert_max_num_queries
):
    session = session_on(DAY)
    people = enrol(40)
    attendance_record(
        session=session,
        entries={p.pk: AttendanceEntry("present") for p in people},
        version=0,
        by=petugas,
    )
    client.force_login(fasilitator)
    client.post(
        reverse("sessions:notes", args=[session.pk]),
        notes_data(people, engagement={p.pk: 4 for p in people}),
    )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("sessions:notes", args=[session.pk]))
    assert response.content.decode().count('data-testid="observation-row"') == 40


def test_it_does_not_take_notes_for_a_cancelled_session(client, fasilitator, session_on, enrol):
    session = session_on(DAY)
    session.cancel(reason="Hujan deras, aula banjir")
    client.force_login(fasilitator)
    assert (
        client.post(reverse("sessions:notes", args=[session.pk]), notes_data([])).status_code == 403
    )
