"""Observations only for those who came; two facilitators never silently undo each other."""

import datetime as dt

import pytest
from django.urls import reverse

from rutan.roles import Role
from sessions.services import AttendanceEntry
from sessions.services import NotesConflict
from sessions.services import ObservationEntry
from sessions.services import ObservationRefused
from sessions.services import attendance_record
from sessions.services import session_notes_record
from tests.factories import UserFactory
from tests.sessions.test_notes import notes_data

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 19)


@pytest.mark.parametrize(
    ("status", "reason", "label"),
    [("absent", "", "Alpa"), ("excused", "Kunjungan keluarga", "Izin"), ("sick", "Demam", "Sakit"),
     ("court", "Sidang PN", "Sidang")],
)  # fmt: skip
def test_it_refuses_a_score_or_remark_for_someone_who_did_not_attend(
    client, fasilitator, petugas, session_on, enrol, status, reason, label
):
    session = session_on(DAY)
    people = enrol(2)
    attendance_record(
        session=session,
        entries={
            people[0].pk: AttendanceEntry(status, reason),
            people[1].pk: AttendanceEntry("late"),
        },
        version=0,
        by=petugas,
    )
    with pytest.raises(ObservationRefused) as caught:
        session_notes_record(
            session=session,
            module=None,
            methods=[],
            summary="Ringkasan",
            follow_ups="",
            observations={people[0].pk: ObservationEntry(3, "Tampak lesu")},
            version=0,
            by=fasilitator,
        )
    assert f"{people[0].name} ({label})" in str(caught.value)

    client.force_login(fasilitator)
    data = notes_data(people, engagement={people[0].pk: 4, people[1].pk: 5})
    response = client.post(reverse("sessions:notes", args=[session.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nilai keterlibatan dan catatan hanya untuk peserta yang hadir" in page
    assert "Tidak hadir: tanpa nilai keterlibatan dan catatan." in page
    assert not session.observations.exists()
    session.refresh_from_db()
    assert not session.notes_written

    # Leaving the absent person empty saves; the late one is scored.
    data[f"engagement_{people[0].pk}"] = ""
    assert client.post(reverse("sessions:notes", args=[session.pk]), data).status_code == 302
    assert list(session.observations.values_list("participant", "engagement")) == [
        (people[1].pk, 5)
    ]


def test_a_second_saver_of_the_notes_overwrites_nothing_and_sees_what_changed(
    client, fasilitator, partner, session_on, enrol
):
    colleague = UserFactory(
        username="fasilitator2", first_name="Rina", facility=None, partner=partner,
        role=Role.FASILITATOR,
    )  # fmt: skip
    session = session_on(DAY)
    people = enrol(2)
    url = reverse("sessions:notes", args=[session.pk])

    # Both open the empty form (version 0).
    client.force_login(fasilitator)
    assert 'name="version" value="0"' in client.get(url).content.decode()
    mine = notes_data(people, engagement={people[1].pk: 2}, summary="Ringkasan saya")

    # The colleague saves first: an observation of people[0].
    first = notes_data(people, engagement={people[0].pk: 5}, summary="Ringkasan Rina")
    first[f"remark_{people[0].pk}"] = "Memimpin diskusi"
    client.force_login(colleague)
    assert client.post(url, first).status_code == 302

    # The stale save is refused: nothing of the colleague's is deleted or overwritten.
    client.force_login(fasilitator)
    response = client.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Catatan ini baru saja diubah orang lain" in page
    assert "Memimpin diskusi" in page and "Ringkasan Rina" in page
    assert "(kosong: observasi akan dihapus)" in page
    assert 'value="Ringkasan saya"' not in page  # a textarea holds it
    assert "Ringkasan saya</textarea>" in page
    session.refresh_from_db()
    assert session.summary == "Ringkasan Rina" and session.notes_version == 1
    assert list(session.observations.values_list("participant", "engagement", "remark")) == [
        (people[0].pk, 5, "Memimpin diskusi")
    ]
    assert 'name="version" value="1"' in page

    # Saving again from the conflict page is deliberate and applies the form.
    mine["version"] = "1"
    assert client.post(url, mine).status_code == 302
    session.refresh_from_db()
    assert session.summary == "Ringkasan saya" and session.notes_version == 2


def test_a_stale_save_that_changes_nothing_of_the_other_goes_through(
    fasilitator, session_on, enrol
):
    session = session_on(DAY)
    people = enrol(2)
    kwargs = {
        "session": session,
        "module": None,
        "methods": [],
        "summary": "Sama",
        "follow_ups": "",
        "by": fasilitator,
    }
    session_notes_record(
        observations={people[0].pk: ObservationEntry(4), people[1].pk: None}, version=0, **kwargs
    )
    # Same notes, one more score: nothing of the first save differs, so nothing is in conflict.
    version = session_notes_record(
        observations={people[0].pk: ObservationEntry(4), people[1].pk: ObservationEntry(3)},
        version=0,
        **kwargs,
    )
    assert version == 2 and session.observations.count() == 2
    # Built on version 1, this form changes people[1]'s score saved at version 2: refused.
    with pytest.raises(NotesConflict) as caught:
        session_notes_record(
            observations={people[0].pk: None, people[1].pk: ObservationEntry(2)},
            version=1,
            **kwargs,
        )
    assert [row.participant for row in caught.value.rows] == [people[1]]
    assert not caught.value.fields
    assert session.observations.count() == 2
