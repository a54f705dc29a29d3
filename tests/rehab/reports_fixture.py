"""A small month with hand-countable outcomes, shared by the report tests.

November 2025 at `facility` (see test_reports_figures.py for the numbers it must give).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from rehab.models import Evaluation
from rehab.models import ReviewStatus
from sessions.models import Attendance
from sessions.models import Session
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ParticipantFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory

NOVEMBER = dt.date(2025, 11, 1)
WITA = ZoneInfo("Asia/Makassar")
S = Enrollment.Status
A = Attendance.Status
USE_FIELDS = ["primary_substance", "use_duration_months", "use_route"]
SCORE_FIELDS = [
    "knowledge_pre",
    "knowledge_post",
    "motivation",
    "emotional_control",
    "social_support",
    "unit_behaviour",
]


def label_counts(rows) -> dict:
    """{label: count} of a report table's rows."""
    return {row.label: row.count for row in rows}


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


def build_known_month(facility, other_facility):
    """Seven participants, five sessions and four evaluations with hand-countable outcomes."""
    cohort = CohortFactory(name="Angkatan I", programme__facility=facility)
    p1, p2, p3, p7 = _known_people(facility, cohort)
    _known_sessions(cohort, p1, p2, p3, p7)
    _known_evaluations(p1, p2, p3, p7)
    IntegrationProgrammeFactory(participant=p1, proposed_on=dt.date(2025, 11, 20))
    IntegrationProgrammeFactory(
        participant=p2, kind=IntegrationProgramme.Kind.CB, proposed_on=dt.date(2025, 11, 28)
    )
    IntegrationProgrammeFactory(participant=p3, proposed_on=dt.date(2025, 10, 1))
    _other_facility_month(other_facility)
    return facility


def _known_people(facility, cohort):
    """The four participants handled in November (p1, p2, p3, p7) and three who are not."""

    def person(enrol_status, activated_on, ended_on=None, use=None, **fields):
        """A participant enrolled in the cohort; `use` is (substance, months of use, route)."""
        if use:
            fields.update(zip(USE_FIELDS, use, strict=True))
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
        use=("amphetamines", 36, "smoked"),
        diagnosis="F15",
        treatment_history="outpatient",
        treatment_history_detail="Rehabilitasi rawat jalan 2020",
    )
    p2 = person(
        S.COMPLETED,
        dt.date(2025, 11, 5),
        dt.date(2025, 11, 28),
        sex=Participant.Sex.FEMALE,
        birth_date=dt.date(2000, 6, 15),
        use=("amphetamines", 18, "smoked"),
        treatment_history="never",
    )
    p3 = person(
        S.DROPPED_OUT,
        dt.date(2025, 10, 20),
        dt.date(2025, 11, 20),
        birth_date=dt.date(1975, 12, 1),
        use=("cannabis", 144, "oral"),
    )
    # Exactly 18 on the last day of the month; duration under a year.
    p7 = person(
        S.ACTIVE, dt.date(2025, 11, 10), birth_date=dt.date(2007, 11, 30), use_duration_months=11
    )
    # Not handled in November: starts in December, only screened, ended in October.
    person(S.ACTIVE, dt.date(2025, 12, 2), birth_date=None)
    person(S.SCREENED, None)
    person(S.COMPLETED, dt.date(2025, 9, 1), dt.date(2025, 10, 31))
    return p1, p2, p3, p7


def _known_sessions(cohort, p1, p2, p3, p7):
    """Two held November sessions, one just past midnight WITA, one cancelled, one planned."""
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
    session(
        cohort,
        wita(2025, 11, 21, 9, 0),
        status=Session.Status.CANCELLED,
        cancel_reason="Rutan siaga",
    )
    session(cohort, wita(2025, 11, 25, 9, 0), status=Session.Status.PLANNED)


def _known_evaluations(p1, p2, p3, p7):
    """A submitted, an approved exit, a draft and a returned evaluation for November."""

    def evaluate(participant, status, scores=(), **fields):
        """`scores`: knowledge before and after (0-100), then motivation, emotional control,
        social support and behaviour in the unit (1-5)."""
        if scores:
            fields.update(zip(SCORE_FIELDS, scores, strict=True))
        return EvaluationFactory(
            enrollment=participant.enrollments.get(), period=NOVEMBER, status=status, **fields
        )

    evaluate(
        p1,
        ReviewStatus.SUBMITTED,
        scores=(40, 80, 4, 3, 5, 4),
        relapse_risks=["boredom", "old_habits"],
    )
    evaluate(
        p2,
        ReviewStatus.APPROVED,
        kind=Evaluation.Kind.EXIT,
        scores=(60, 70, 5, 4, 3, 5),
        relapse_risks=["boredom"],
        recommendation=Evaluation.Recommendation.GRADUATE,
    )
    evaluate(p3, ReviewStatus.DRAFT, relapse_risks=["dishonesty"], motivation=1)
    evaluate(p7, ReviewStatus.RETURNED, motivation=1)


def _other_facility_month(other_facility):
    """Another facility's busy month, which must not leak in."""
    theirs = CohortFactory(programme__facility=other_facility)
    stranger = ParticipantFactory(facility=other_facility)
    EnrollmentFactory(participant=stranger, cohort=theirs)
    AttendanceFactory(session=session(theirs, wita(2025, 11, 19, 9, 0)), participant=stranger)
    EvaluationFactory(enrollment=stranger.enrollments.get(), period=NOVEMBER)
    IntegrationProgrammeFactory(participant=stranger, proposed_on=dt.date(2025, 11, 3))


def build_month(facility, participants: int, sessions: int):
    """A busy month: every participant at every session, each with one evaluation."""
    cohort = CohortFactory(programme__facility=facility)
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
    author = UserFactory(facility=None)
    for enrollment in enrollments:
        EvaluationFactory(enrollment=enrollment, author=author, relapse_risks=["boredom"])
