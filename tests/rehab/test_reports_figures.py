"""The monthly report's figures on a small known fixture, against numbers computed by hand."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participants.models import Enrollment, IntegrationProgramme, Participant
from rehab.models import Evaluation, ReviewStatus
from rehab.reports.figures import monthly_report
from sessions.models import Attendance, Session
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    EnrollmentFactory,
    EvaluationFactory,
    IntegrationProgrammeFactory,
    ParticipantFactory,
    ProgrammeFactory,
    SessionFactory,
    UserFactory,
)

NOVEMBER = dt.date(2025, 11, 1)
WITA = ZoneInfo("Asia/Makassar")
S = Enrollment.Status
A = Attendance.Status


def wita(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WITA)


def session(cohort, starts_at, status=Session.Status.HELD, **kwargs):
    return SessionFactory(
        cohort=cohort,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        status=status,
        **kwargs,
    )


@pytest.fixture
def known(facility, other_facility):
    """Seven participants, five sessions and four evaluations with hand-countable outcomes."""
    cohort = CohortFactory(name="Angkatan I", programme=ProgrammeFactory(facility=facility))

    def person(enrol_status, activated_on, ended_on=None, **fields):
        participant = ParticipantFactory(facility=facility, **fields)
        EnrollmentFactory(
            participant=participant,
            cohort=cohort,
            status=enrol_status,
            activated_on=activated_on,
            ended_on=ended_on,
        )
        return participant

    p1 = person(
        S.ACTIVE,
        dt.date(2025, 11, 5),
        birth_date=dt.date(1990, 1, 1),
        primary_substance="Sabu",
        use_duration_years=3,
        use_route="Dihisap",
        diagnosis="Gangguan penggunaan metamfetamin",
        treatment_history="Rehabilitasi rawat jalan 2020",
    )
    p2 = person(
        S.COMPLETED,
        dt.date(2025, 11, 5),
        dt.date(2025, 11, 28),
        sex=Participant.Sex.FEMALE,
        birth_date=dt.date(2000, 6, 15),
        primary_substance="Sabu ",
        use_duration_years=1,
        use_route="Dihisap",
    )
    p3 = person(
        S.DROPPED_OUT,
        dt.date(2025, 10, 20),
        dt.date(2025, 11, 20),
        birth_date=dt.date(1975, 12, 1),
        primary_substance="Ganja",
        use_duration_years=12,
        use_route="Dirokok",
    )
    # Exactly 18 on the last day of the month; duration under a year.
    p7 = person(
        S.ACTIVE, dt.date(2025, 11, 10), birth_date=dt.date(2007, 11, 30), use_duration_years=0
    )
    # Not handled in November: starts in December, only screened, ended in October.
    person(S.ACTIVE, dt.date(2025, 12, 2), birth_date=None)
    person(S.SCREENED, None)
    person(S.COMPLETED, dt.date(2025, 9, 1), dt.date(2025, 10, 31))

    s1 = session(cohort, wita(2025, 11, 19, 9, 0))
    for participant, status in [(p1, A.PRESENT), (p2, A.LATE), (p3, A.ABSENT), (p7, A.SICK)]:
        AttendanceFactory(
            session=s1,
            participant=participant,
            status=status,
            reason="x" if status == A.SICK else "",
        )
    s2 = session(cohort, wita(2025, 11, 30, 23, 30), title="Sesi malam")
    for participant in (p1, p2):
        AttendanceFactory(session=s2, participant=participant)
    # 1 December in WITA although still 30 November in UTC: not in the November report.
    s3 = session(cohort, wita(2025, 12, 1, 0, 30))
    AttendanceFactory(session=s3, participant=p1)
    session(cohort, wita(2025, 11, 21, 9, 0), status=Session.Status.CANCELLED)
    session(cohort, wita(2025, 11, 25, 9, 0), status=Session.Status.PLANNED)

    def evaluate(participant, status, **fields):
        return EvaluationFactory(
            enrollment=participant.enrollments.get(), period=NOVEMBER, status=status, **fields
        )

    evaluate(
        p1,
        ReviewStatus.SUBMITTED,
        knowledge_pre=40,
        knowledge_post=80,
        motivation=4,
        emotional_control=3,
        social_support=5,
        unit_behaviour=4,
        relapse_risks=["boredom", "old_habits"],
    )
    evaluate(
        p2,
        ReviewStatus.APPROVED,
        kind=Evaluation.Kind.EXIT,
        knowledge_pre=60,
        knowledge_post=70,
        motivation=5,
        emotional_control=4,
        social_support=3,
        unit_behaviour=5,
        relapse_risks=["boredom"],
        recommendation=Evaluation.Recommendation.GRADUATE,
    )
    evaluate(p3, ReviewStatus.DRAFT, relapse_risks=["dishonesty"], motivation=1)
    evaluate(p7, ReviewStatus.RETURNED, motivation=1)

    IntegrationProgrammeFactory(participant=p1, proposed_on=dt.date(2025, 11, 20))
    IntegrationProgrammeFactory(
        participant=p2, kind=IntegrationProgramme.Kind.CB, proposed_on=dt.date(2025, 11, 28)
    )
    IntegrationProgrammeFactory(participant=p3, proposed_on=dt.date(2025, 10, 1))

    # Another facility's busy month must not leak in.
    theirs = CohortFactory(programme=ProgrammeFactory(facility=other_facility))
    stranger = ParticipantFactory(facility=other_facility)
    EnrollmentFactory(participant=stranger, cohort=theirs)
    AttendanceFactory(session=session(theirs, wita(2025, 11, 19, 9, 0)), participant=stranger)
    EvaluationFactory(enrollment=stranger.enrollments.get(), period=NOVEMBER)
    IntegrationProgrammeFactory(participant=stranger, proposed_on=dt.date(2025, 11, 3))
    return facility


def as_dict(rows):
    return {row.label: row.count for row in rows}


@pytest.mark.django_db
def test_it_counts_participants_enrolments_and_sessions_by_hand(known):
    report = monthly_report(facility=known, month=NOVEMBER)
    a = report.activity
    assert (a.participants_handled, a.new_enrolments, a.active_at_end) == (4, 3, 2)
    assert (a.completions, a.dropouts, a.other_exits) == (1, 1, 0)
    assert (a.sessions_held, a.sessions_cancelled, a.sessions_planned) == (2, 1, 1)
    assert a.attendance_by_status == {
        "present": 3,
        "late": 1,
        "excused": 0,
        "sick": 1,
        "court": 0,
        "absent": 1,
    }
    assert a.attendance_rate == Decimal("66.7")
    assert [(s.day, s.attended, s.recorded) for s in report.sessions] == [
        (dt.date(2025, 11, 19), 2, 4),
        (dt.date(2025, 11, 30), 2, 2),
    ]
    [cohort] = report.cohorts
    assert (cohort.name, cohort.handled, cohort.completions, cohort.dropouts) == (
        "Angkatan I",
        4,
        1,
        1,
    )
    assert cohort.rate == Decimal("66.7")


@pytest.mark.django_db
def test_it_averages_only_submitted_and_approved_evaluations(known):
    a = monthly_report(facility=known, month=NOVEMBER).activity
    assert (a.evaluations_counted, a.evaluations_approved, a.evaluations_waiting) == (2, 1, 1)
    assert a.domain_averages == {
        "knowledge_pre": Decimal("50.0"),
        "knowledge_post": Decimal("75.0"),
        "motivation": Decimal("4.5"),
        "emotional_control": Decimal("3.5"),
        "social_support": Decimal("4.0"),
        "unit_behaviour": Decimal("4.5"),
    }
    assert a.knowledge_change == Decimal("25.0")
    assert a.recommendations == {"continue": 1, "graduate": 1, "refer": 0, "integration": 0}
    assert a.relapse_risks["boredom"] == 2
    assert a.relapse_risks["old_habits"] == 1
    assert a.relapse_risks["dishonesty"] == 0


@pytest.mark.django_db
def test_it_recaps_the_seven_aspects_of_pp_25_2011(known):
    report = monthly_report(facility=known, month=NOVEMBER)
    assert as_dict(report.sex) == {"Laki-laki": 3, "Perempuan": 1}
    assert as_dict(report.age_bands) == {
        "Di bawah 18 tahun": 0,
        "18–25 tahun": 2,
        "26–35 tahun": 1,
        "36–45 tahun": 0,
        "Di atas 45 tahun": 1,
        "Tidak diketahui": 0,
    }
    assert as_dict(report.substances) == {"Sabu": 2, "Ganja": 1, "Tidak dicatat": 1}
    assert as_dict(report.durations) == {
        "Kurang dari 1 tahun": 1,
        "1–2 tahun": 1,
        "3–5 tahun": 1,
        "6–10 tahun": 0,
        "Lebih dari 10 tahun": 1,
        "Tidak diketahui": 0,
    }
    assert as_dict(report.routes) == {"Dihisap": 2, "Dirokok": 1, "Tidak dicatat": 1}
    assert as_dict(report.diagnoses) == {
        "Gangguan penggunaan metamfetamin": 1,
        "Tidak dicatat": 3,
    }
    assert as_dict(report.treatment_history) == {
        "Pernah menjalani terapi/rehabilitasi": 1,
        "Belum pernah / tidak dicatat": 3,
    }
    assert as_dict(report.integration_proposals)["Pembebasan Bersyarat (PB)"] == 1
    assert as_dict(report.integration_proposals)["Cuti Bersyarat (CB)"] == 1


@pytest.mark.django_db
def test_it_gives_an_empty_month_zeros_not_errors(facility):
    report = monthly_report(facility=facility, month=NOVEMBER)
    assert report.activity.participants_handled == 0
    assert report.activity.attendance_rate is None
    assert len(report.tables()) == 16


def build_month(facility, participants: int, sessions: int):
    """A busy month: every participant at every session, each with one evaluation."""
    cohort = CohortFactory(programme=ProgrammeFactory(facility=facility))
    people = ParticipantFactory.create_batch(participants, facility=facility)
    enrollments = [
        EnrollmentFactory(participant=p, cohort=cohort, activated_on=dt.date(2025, 11, 1))
        for p in people
    ]
    recorder = UserFactory(facility=facility)
    for n in range(sessions):
        held = session(cohort, wita(2025, 11, 3 + n, 9, 0))
        Attendance.objects.bulk_create(
            Attendance(session=held, participant=p, status=A.PRESENT, recorded_by=recorder)
            for p in people
        )
    for enrollment in enrollments:
        EvaluationFactory(enrollment=enrollment, relapse_risks=["boredom"])


@pytest.mark.django_db
def test_its_query_count_does_not_grow_with_participants_or_sessions(facility, other_facility):
    build_month(facility, participants=2, sessions=1)
    build_month(other_facility, participants=12, sessions=5)
    counts = []
    for place in (facility, other_facility):
        with CaptureQueriesContext(connection) as queries:
            report = monthly_report(facility=place, month=NOVEMBER)
            report.tables()
        counts.append(len(queries))
    assert report.activity.participants_handled == 12
    assert report.activity.attendance_recorded == 60
    assert counts[0] == counts[1] <= 20, counts
