"""What an agreement delivered, computed from sessions, enrolments and integration programmes."""

import datetime as dt

import pytest

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from rehab.models import ReviewStatus
from rehab.selectors.agreements import agreement_deliverables
from sessions.models import Attendance
from sessions.models import Session
from tests.factories import AgreementFactory
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import FacilityFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ParticipantFactory
from tests.factories import PartnerFactory
from tests.factories import ProgrammeEvaluationFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def build(agreement, *, participants: int, sessions: int):
    """A programme under `agreement` with two cohorts, their people, sessions and attendance."""
    recorder = UserFactory(facility=agreement.facility)
    programme = ProgrammeFactory(
        facility=agreement.facility, partner=agreement.partner, agreement=agreement
    )
    people = ParticipantFactory.create_batch(participants, facility=agreement.facility)
    for cohort in CohortFactory.create_batch(2, programme=programme):
        for person in people:
            EnrollmentFactory(participant=person, cohort=cohort, status=Enrollment.Status.COMPLETED)
        for _ in range(sessions):
            session = SessionFactory(cohort=cohort, status=Session.Status.HELD)
            for index, person in enumerate(people):
                status = Attendance.Status.ABSENT if index == 0 else Attendance.Status.PRESENT
                AttendanceFactory(
                    session=session, participant=person, status=status, recorded_by=recorder
                )
    return programme


def test_it_counts_sessions_people_and_attendance_under_the_agreement():
    agreement = AgreementFactory(guarantees_integration=True)
    programme = build(agreement, participants=4, sessions=3)
    cohort = programme.cohorts.first()
    SessionFactory(cohort=cohort, status=Session.Status.PLANNED)
    SessionFactory(cohort=cohort, status=Session.Status.CANCELLED, cancel_reason="Banjir")
    late = AttendanceFactory(
        session=SessionFactory(cohort=cohort, status=Session.Status.HELD),
        status=Attendance.Status.LATE,
        participant__facility=agreement.facility,
    )
    EnrollmentFactory(cohort=cohort, participant=late.participant)
    # Screened only: not served yet.
    EnrollmentFactory(cohort=cohort, status=Enrollment.Status.SCREENED)
    # Another programme of the same partner without this agreement does not count.
    build(AgreementFactory(partner=agreement.partner), participants=2, sessions=2)

    result = agreement_deliverables(agreement)

    assert result.sessions_held == 2 * 3 + 1
    assert result.sessions_scheduled == 2 * 3 + 1 + 1
    assert result.sessions_cancelled == 1
    assert result.participants_served == 4 + 1
    # 2 cohorts × 3 sessions × 4 people, one absent each time; plus one late.
    assert result.attendance_recorded == 24 + 1
    assert result.attendance_attended == 18 + 1
    assert result.attendance_rate == 76.0
    assert [p.name for p in result.programmes] == [programme.name]
    assert result.programmes[0].sessions_held == 7 and result.programmes[0].cohort_count == 2


def test_it_counts_integration_programmes_the_partner_guarantees_while_in_force():
    agreement = AgreementFactory(
        guarantees_integration=True,
        valid_from=dt.date(2025, 11, 5),
        valid_until=dt.date(2026, 11, 4),
    )
    here = {"participant__facility": agreement.facility, "guarantor": agreement.partner}
    IntegrationProgrammeFactory(**here, proposed_on=dt.date(2025, 12, 5))
    IntegrationProgrammeFactory(
        **here,
        proposed_on=dt.date(2025, 12, 5),
        kind=IntegrationProgramme.Kind.CB,
        status=IntegrationProgramme.Status.APPROVED,
    )
    IntegrationProgrammeFactory(**here, proposed_on=dt.date(2026, 11, 4))
    IntegrationProgrammeFactory(**here, proposed_on=dt.date(2025, 11, 4))  # before
    IntegrationProgrammeFactory(**here, proposed_on=dt.date(2026, 11, 5))  # after
    IntegrationProgrammeFactory(
        participant__facility=FacilityFactory(),
        guarantor=agreement.partner,
        proposed_on=dt.date(2025, 12, 5),
    )
    IntegrationProgrammeFactory(
        participant__facility=agreement.facility,
        guarantor=PartnerFactory(),
        proposed_on=dt.date(2025, 12, 5),
    )

    integrations = agreement_deliverables(agreement).integrations

    assert integrations["total"] == 3 and integrations["approved"] == 1
    by_kind = dict(integrations["by_kind"])
    assert by_kind["Pembebasan Bersyarat (PB)"] == 2 and by_kind["Cuti Bersyarat (CB)"] == 1


def test_integrations_stop_counting_when_the_agreement_was_terminated():
    agreement = AgreementFactory(guarantees_integration=True, valid_until=dt.date(2026, 11, 4))
    agreement.terminated_on, agreement.termination_reason = dt.date(2026, 1, 31), "Sepakat"
    agreement.save()
    here = {"participant__facility": agreement.facility, "guarantor": agreement.partner}
    IntegrationProgrammeFactory(**here, proposed_on=dt.date(2026, 1, 31))
    IntegrationProgrammeFactory(**here, proposed_on=dt.date(2026, 2, 1))
    assert agreement_deliverables(agreement).integrations["total"] == 1


def test_an_agreement_without_guarantee_reports_no_integrations():
    agreement = AgreementFactory(guarantees_integration=False)
    assert agreement_deliverables(agreement).integrations is None


def test_an_agreement_with_nothing_delivered_has_no_attendance_rate():
    result = agreement_deliverables(AgreementFactory())
    assert result.sessions_held == 0 and result.attendance_rate is None


@pytest.mark.parametrize("size", [1, 2])
def test_it_computes_deliverables_in_a_constant_number_of_queries(size, django_assert_num_queries):
    agreement = AgreementFactory(guarantees_integration=True)
    for _ in range(size):
        build(agreement, participants=3 * size, sessions=2 * size)
    with django_assert_num_queries(3):
        result = agreement_deliverables(agreement)
    assert result.sessions_held == size * 2 * 2 * size


def test_it_counts_evaluations_done_under_the_agreement():
    agreement = AgreementFactory()
    programme = build(agreement, participants=3, sessions=1)
    enrollments = list(Enrollment.objects.filter(cohort__programme=programme))
    EvaluationFactory(enrollment=enrollments[0], status=ReviewStatus.APPROVED)
    EvaluationFactory(enrollment=enrollments[1], status=ReviewStatus.SUBMITTED)
    EvaluationFactory(enrollment=enrollments[2], status=ReviewStatus.DRAFT)
    # Another agreement's evaluation does not count here.
    EvaluationFactory(status=ReviewStatus.APPROVED)
    ProgrammeEvaluationFactory(agreement=agreement, status=ReviewStatus.SUBMITTED)
    result = agreement_deliverables(agreement)
    assert (result.evaluations_done, result.evaluations_approved) == (2, 1)
    assert (result.programme_evaluations, result.programme_evaluations_approved) == (1, 0)
