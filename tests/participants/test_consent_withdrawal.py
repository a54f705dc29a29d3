"""Withdrawing consent suspends or ends the active enrolment; no consent, no sheet, no count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Enrollment
from rehab.reports.figures import monthly_report
from sessions.selectors import session_roster
from tests.factories import CohortFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def enrolment(facility, today):
    started = today - dt.timedelta(days=20)
    cohort = CohortFactory(
        programme__facility=facility,
        start_date=started,
        end_date=today + dt.timedelta(days=40),
    )
    participant = ParticipantFactory(facility=facility, name="Peserta Uji")
    ConsentFactory(participant=participant, given_on=started)
    return EnrollmentFactory(
        participant=participant,
        cohort=cohort,
        enrolled_on=started,
        activated_on=started,
        status_changed_on=started,
    )


def withdraw(client, enrolment, **data):
    consent = enrolment.participant.consents.get()
    url = reverse("participants:consent_withdraw", args=[consent.pk])
    return client.post(url, {"withdrawn_on": timezone.localdate().isoformat(), **data})


def session_after(enrolment, days: int):
    moment = timezone.now() + dt.timedelta(days=days)
    return SessionFactory(
        cohort=enrolment.cohort, starts_at=moment, ends_at=moment + dt.timedelta(hours=2)
    )


def test_it_suspends_the_active_enrolment_with_the_reason_given(client, petugas, enrolment):
    client.force_login(petugas)
    response = withdraw(
        client, enrolment, enrollment_action="suspend", reason="Ingin fokus pada sidang"
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.status_reason) == (S.SUSPENDED, "Ingin fokus pada sidang")
    assert enrolment.ended_on is None
    assert not Enrollment.objects.active_on(timezone.localdate()).exists()
    assert list(session_roster(session_after(enrolment, 2))) == []


def test_it_ends_the_enrolment_when_that_is_chosen(client, petugas, enrolment, today):
    client.force_login(petugas)
    withdraw(client, enrolment, enrollment_action="drop_out", reason="Tidak bersedia lagi")
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.ended_on, enrolment.end_reason) == (
        S.DROPPED_OUT,
        today,
        "Tidak bersedia lagi",
    )


def test_it_asks_what_happens_to_the_enrolment_and_withdraws_nothing_until_told(
    client, petugas, enrolment
):
    client.force_login(petugas)
    page = client.get(
        reverse("participants:consent_withdraw", args=[enrolment.participant.consents.get().pk])
    ).content.decode()
    assert "Tangguhkan" in page and "Akhiri" in page
    response = withdraw(client, enrolment, reason="")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"enrollment_action", "reason"}
    assert enrolment.participant.consents.get().withdrawn_on is None
    enrolment.refresh_from_db()
    assert enrolment.status == S.ACTIVE


def test_it_resumes_after_a_new_consent_and_keeps_the_months_before(
    client, petugas, enrolment, today
):
    client.force_login(petugas)
    started = enrolment.activated_on
    withdraw(client, enrolment, enrollment_action="suspend", reason="Jeda")
    enrolment.refresh_from_db()
    ConsentFactory(participant=enrolment.participant, given_on=today)
    enrolment.activate(on=today)
    assert (enrolment.status, enrolment.activated_on) == (S.ACTIVE, started)
    report = monthly_report(facility=enrolment.cohort.programme.facility, month=started)
    assert report.activity.participants_handled == 1


def test_it_keeps_a_participant_without_consent_off_the_sheet_and_out_of_the_counts(
    facility, enrolment
):
    unconsented = EnrollmentFactory(
        cohort=enrolment.cohort,
        participant__facility=facility,
        participant__name="Tanpa Persetujuan",
        status=S.ENROLLED,
        enrolled_on=enrolment.enrolled_on,
    )
    # Set active behind the lifecycle's back (admin, import): still no consent recorded.
    Enrollment.objects.filter(pk=unconsented.pk).update(
        status=S.ACTIVE, activated_on=enrolment.activated_on
    )
    session = session_after(enrolment, 1)
    assert [p.name for p in session_roster(session)] == ["Peserta Uji"]
    report = monthly_report(facility=facility, month=timezone.localdate().replace(day=1))
    assert report.activity.participants_handled == 1
    assert report.activity.active_at_end == 1
