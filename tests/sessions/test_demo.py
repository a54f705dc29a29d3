import datetime as dt

import pytest
from django.core.management import call_command

from participants.models import Enrollment
from rehab.models import Cohort
from sessions.models import Attendance
from sessions.models import Observation
from sessions.models import Session
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def balikpapan_sessions():
    return Session.objects.filter(cohort__name="Angkatan I 2025", kind=Session.Kind.REGULAR)


def test_it_loads_the_15_balikpapan_sessions():
    call_command("seed_demo", force=True, verbosity=0)
    sessions = list(balikpapan_sessions().order_by("starts_at"))
    assert len(sessions) == 15
    assert sessions[0].local_date == dt.date(2025, 11, 5)
    assert sessions[-1].local_date == dt.date(2025, 12, 5)
    nov_19 = next(s for s in sessions if s.local_date == dt.date(2025, 11, 19))
    assert nov_19.module.code == "RHB-09"
    assert nov_19.starts_at.astimezone(nov_19.zone).time() == dt.time(9, 0)
    assert nov_19.place == "Aula Pembinaan Rutan Balikpapan"
    assert nov_19.methods == ["group_discussion", "self_reflection", "case_examples"]
    assert "lingkungan negatif" in nov_19.summary
    # The programme closed after 15 sessions: all held, attendance recorded.
    assert all(s.status == Session.Status.HELD and s.attendance_version for s in sessions)
    # Samarinda has one sheet of the last two days to record and a calendar ahead.
    samarinda = Session.objects.filter(cohort__programme__facility__code="rutan-samarinda")
    past = [s for s in samarinda if s.starts_at < s.created_at]
    assert len(past) == 1 and past[0].attendance_version == 0
    assert 1 <= (past[0].facility_today() - past[0].local_date).days <= 2
    assert len([s for s in samarinda if s.starts_at > s.created_at]) >= 3


def test_it_records_attendance_and_observations_for_enrolled_participants():
    call_command("seed_demo", force=True, verbosity=0)
    cohort = Cohort.objects.get(name="Angkatan I 2025")
    added = [
        EnrollmentFactory(
            cohort=cohort,
            participant=ParticipantFactory(facility=cohort.programme.facility),
            status=Enrollment.Status.ACTIVE,
        ).participant_id
        for _ in range(12)
    ]
    call_command("seed_demo", force=True, verbosity=0)
    counts = (Attendance.objects.count(), Observation.objects.count())
    nov_19 = balikpapan_sessions().get(module__code="RHB-09")
    assert nov_19.status == Session.Status.HELD
    assert nov_19.attendances.filter(participant__in=added).count() == 12
    assert nov_19.observations.exists()
    assert balikpapan_sessions().filter(attendance_version__gt=0).count() == 15

    call_command("seed_demo", force=True, verbosity=0)
    assert (Attendance.objects.count(), Observation.objects.count()) == counts
