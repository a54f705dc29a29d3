import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from participants.models import Consent
from participants.models import Enrollment
from participants.models import TransitionRefused
from participants.services import enrollment_open
from tests.factories import CohortFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 5)


@pytest.fixture
def cohort(facility):
    return CohortFactory(programme__facility=facility)


@pytest.fixture
def screened(facility, cohort):
    participant = ParticipantFactory(facility=facility)
    return enrollment_open(participant=participant, cohort=cohort, on=dt.date(2025, 11, 1))


def test_it_walks_the_whole_lifecycle_with_dates_and_reasons(screened, petugas):
    ConsentFactory(participant=screened.participant, given_on=dt.date(2025, 11, 2))
    screened.enroll(on=dt.date(2025, 11, 3), reason="Lolos skrining")
    screened.activate(on=DAY)
    screened.complete(on=dt.date(2025, 12, 5), reason="15 sesi")
    screened.refresh_from_db()
    assert screened.status == Enrollment.Status.COMPLETED
    assert (screened.enrolled_on, screened.activated_on, screened.ended_on) == (
        dt.date(2025, 11, 3),
        DAY,
        dt.date(2025, 12, 5),
    )
    statuses = list(screened.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["screened", "enrolled", "active", "completed"]


@pytest.mark.parametrize("action", ["drop_out", "transfer", "release"])
def test_it_ends_an_open_enrolment_with_a_reason(screened, action):
    getattr(screened, action)(on=DAY, reason="Alasan tertulis")
    screened.refresh_from_db()
    assert not screened.is_open and screened.end_reason == "Alasan tertulis"
    assert screened.ended_on == DAY


@pytest.mark.parametrize("action", ["drop_out", "transfer", "release"])
def test_it_refuses_to_end_without_a_reason(screened, action):
    with pytest.raises(TransitionRefused, match="alasan"):
        getattr(screened, action)(on=DAY, reason="  ")


@pytest.mark.parametrize(
    "status,action",
    [
        ("screened", "activate"),
        ("screened", "complete"),
        ("enrolled", "enroll"),
        ("enrolled", "complete"),
        ("completed", "drop_out"),
        ("dropped_out", "activate"),
        ("released", "enroll"),
    ],
)
def test_it_refuses_illegal_transitions_with_a_message(status, action):
    enrollment = EnrollmentFactory(status=status)
    with pytest.raises(TransitionRefused) as refused:
        getattr(enrollment, action)(on=DAY, reason="x")
    assert "tidak dapat diubah" in refused.value.messages[0]
    enrollment.refresh_from_db()
    assert enrollment.status == status


def test_it_lists_only_the_allowed_actions():
    assert EnrollmentFactory(status="screened").allowed_actions() == [
        "enroll",
        "drop_out",
        "transfer",
        "release",
    ]
    assert EnrollmentFactory(status="active").allowed_actions() == [
        "complete",
        "suspend",
        "drop_out",
        "transfer",
        "release",
    ]
    assert EnrollmentFactory(status="completed").allowed_actions() == []


def test_it_requires_consent_before_activating(screened):
    screened.enroll(on=dt.date(2025, 11, 3))
    with pytest.raises(TransitionRefused, match="persetujuan"):
        screened.activate(on=DAY)
    ConsentFactory(participant=screened.participant, given_on=DAY)
    screened.activate(on=DAY)
    assert screened.status == Enrollment.Status.ACTIVE


def test_it_does_not_count_a_withdrawn_consent(screened):
    ConsentFactory(
        participant=screened.participant,
        given_on=dt.date(2025, 11, 1),
        withdrawn_on=dt.date(2025, 11, 4),
    )
    screened.enroll(on=dt.date(2025, 11, 3))
    with pytest.raises(TransitionRefused):
        screened.activate(on=DAY)


def test_it_keeps_a_participant_active_in_one_cohort_at_a_time(screened, facility):
    participant = screened.participant
    ConsentFactory(participant=participant, given_on=dt.date(2025, 11, 1))
    EnrollmentFactory(participant=participant, cohort__name="Angkatan lain", status="active")
    screened.enroll(on=dt.date(2025, 11, 3))
    with pytest.raises(TransitionRefused, match="Angkatan lain"):
        screened.activate(on=DAY)


def test_it_turns_a_lost_race_on_the_database_rule_into_a_message(screened, monkeypatch):
    """Two petugas activating at once: the partial unique index decides, politely."""
    participant = screened.participant
    ConsentFactory(participant=participant, given_on=dt.date(2025, 11, 1))
    screened.enroll(on=dt.date(2025, 11, 3))
    EnrollmentFactory(participant=participant, status="active")
    # Skip the friendly pre-check, as a concurrent request would have passed it.
    monkeypatch.setattr(Enrollment.objects, "filter", lambda *a, **k: Enrollment.objects.none())
    with pytest.raises(TransitionRefused, match="sudah aktif"):
        screened.activate(on=DAY)
    monkeypatch.undo()
    screened.refresh_from_db()
    assert screened.status == Enrollment.Status.ENROLLED


def test_it_refuses_future_dates_and_dates_before_the_last_change(screened):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(TransitionRefused, match="masa depan"):
        screened.enroll(on=tomorrow)
    with pytest.raises(TransitionRefused, match="sebelum"):
        screened.enroll(on=dt.date(2025, 10, 1))


def test_it_refuses_activation_after_the_cohort_ended(screened):
    ConsentFactory(participant=screened.participant, given_on=dt.date(2025, 11, 1))
    screened.enroll(on=dt.date(2025, 11, 3))
    with pytest.raises(TransitionRefused, match="berakhir"):
        screened.activate(on=dt.date(2025, 12, 20))


def test_it_opens_enrolments_only_in_the_participants_own_facility(screened, other_facility):
    foreign = CohortFactory(programme__facility=other_facility)
    with pytest.raises(ValidationError):
        enrollment_open(participant=screened.participant, cohort=foreign)
    with pytest.raises(ValidationError):
        enrollment_open(participant=screened.participant, cohort=screened.cohort)


def test_it_withdraws_consent_once_and_within_dates(petugas):
    consent = ConsentFactory(given_on=dt.date(2025, 11, 1))
    with pytest.raises(ValidationError):
        consent.withdraw(on=dt.date(2025, 10, 1))
    consent.withdraw(on=dt.date(2025, 11, 10), reason="Tidak ingin melanjutkan")
    assert Consent.objects.valid_on(dt.date(2025, 11, 11)).count() == 0
    assert Consent.objects.valid_on(dt.date(2025, 11, 9)).count() == 1
    with pytest.raises(ValidationError, match="sudah dicabut"):
        consent.withdraw(on=dt.date(2025, 11, 12))
