import datetime as dt

import pytest

from participants.models import Enrollment
from sessions.models import Session
from sessions.selectors import session_roster
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import FacilityFactory
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 19)
S = Enrollment.Status


def enrolment(cohort, name, **kwargs):
    return EnrollmentFactory(
        cohort=cohort,
        participant=ParticipantFactory(facility=cohort.programme.facility, name=name),
        **kwargs,
    )


def names(session):
    return [p.name for p in session_roster(session)]


def test_it_puts_people_enrolled_on_the_session_day_on_the_sheet(cohort, session_on):
    enrolment(cohort, "Aktif", status=S.ACTIVE)
    registered = enrolment(cohort, "Terdaftar", status=S.ENROLLED)
    ConsentFactory(participant=registered.participant, given_on=DAY - dt.timedelta(days=5))
    enrolment(cohort, "Selesai kemudian", status=S.COMPLETED, ended_on=dt.date(2025, 12, 5))
    enrolment(cohort, "Bebas kemudian", status=S.RELEASED, ended_on=DAY + dt.timedelta(days=1))
    enrolment(
        cohort, "Pindah sebelumnya", status=S.TRANSFERRED, ended_on=DAY - dt.timedelta(days=1)
    )
    enrolment(cohort, "Keluar hari itu", status=S.DROPPED_OUT, ended_on=DAY)
    enrolment(cohort, "Baru diskrining", status=S.SCREENED)
    enrolment(cohort, "Masuk kemudian", status=S.ACTIVE, enrolled_on=DAY + dt.timedelta(days=2))
    assert names(session_on(DAY)) == ["Aktif", "Bebas kemudian", "Selesai kemudian", "Terdaftar"]


def test_it_keeps_recorded_people_on_the_sheet_after_they_leave(cohort, session_on, petugas):
    session = session_on(DAY)
    enrollment = enrolment(cohort, "Pernah hadir", status=S.ACTIVE)
    attendance_record(
        session=session,
        entries={enrollment.participant_id: AttendanceEntry("present")},
        version=0,
        by=petugas,
    )
    # Recorded as transferred before the session, by mistake: the recorded row stays visible.
    enrollment.status, enrollment.ended_on = S.TRANSFERRED, DAY - dt.timedelta(days=3)
    enrollment.save()
    assert names(session) == ["Pernah hadir"]


def test_it_lists_only_invited_participants_on_a_catch_up_sheet(cohort, session_on):
    invited = enrolment(cohort, "Diundang", status=S.ACTIVE).participant
    enrolment(cohort, "Tidak diundang", status=S.ACTIVE)
    session = session_on(DAY, kind=Session.Kind.CATCH_UP)
    session.invited.add(invited)
    assert names(session) == ["Diundang"]


def test_it_does_not_mix_cohorts(cohort, other_cohort, session_on):
    enrolment(other_cohort, "Angkatan lain", status=S.ACTIVE)
    assert names(session_on(DAY)) == []


def test_it_never_lists_someone_of_another_facility_on_the_sheet(cohort, session_on):
    enrolment(cohort, "Warga sini", status=S.ACTIVE)
    # An enrolment the services would refuse (another facility's person), written directly.
    EnrollmentFactory(
        cohort=cohort,
        participant=ParticipantFactory(facility=FacilityFactory(), name="Warga UPT lain"),
        status=S.ACTIVE,
    )
    assert names(session_on(DAY)) == ["Warga sini"]
