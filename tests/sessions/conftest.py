"""A Balikpapan cohort run by SEKATA, with enrolled participants and sessions to record."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import ModuleFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory

WITA = ZoneInfo("Asia/Makassar")


def wita(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=WITA)


@pytest.fixture
def today() -> dt.date:
    return timezone.localtime(timezone.now(), WITA).date()


@pytest.fixture
def cohort(facility, partner, fasilitator):
    cohort = CohortFactory(
        name="Angkatan I 2025",
        programme=ProgrammeFactory(facility=facility, partner=partner),
        start_date=dt.date(2025, 11, 5),
        end_date=dt.date(2026, 12, 31),
    )
    cohort.facilitators.add(fasilitator)
    return cohort


@pytest.fixture
def other_cohort(other_facility, other_partner, fasilitator_other):
    cohort = CohortFactory(
        name="Angkatan Samarinda",
        programme=ProgrammeFactory(facility=other_facility, partner=other_partner),
    )
    cohort.facilitators.add(fasilitator_other)
    return cohort


@pytest.fixture
def enrol(cohort):
    """Enrol n new participants of the cohort's facility; returns them ordered by name."""

    def _enrol(n: int, **kwargs):
        target = kwargs.pop("cohort", cohort)
        enrollments = [
            EnrollmentFactory(
                cohort=target,
                participant__facility=target.programme.facility,
                participant__name=f"Peserta {i:03d}",
                **kwargs,
            )
            for i in range(n)
        ]
        return sorted((e.participant for e in enrollments), key=lambda p: p.name)

    return _enrol


@pytest.fixture
def session_on(cohort, fasilitator):
    """A planned session of the cohort on `day` (09:00–11:00 WITA)."""

    def _session_on(day: dt.date, **kwargs):
        session = SessionFactory(
            cohort=kwargs.pop("cohort", cohort),
            module=kwargs.pop("module", None) or ModuleFactory(),
            starts_at=wita(day, 9),
            ends_at=wita(day, 11),
            **kwargs,
        )
        session.facilitators.add(fasilitator)
        return session

    return _session_on


@pytest.fixture
def todays_sheet(client, session_on, enrol, today):
    """Today's session with n people enrolled, the client signed in as `user` on its sheet:
    returns the session, the people and the sheet's URL."""

    def _open(user, n: int):
        session = session_on(today)
        people = enrol(n)
        client.force_login(user)
        return session, people, reverse("sessions:attendance", args=[session.pk])

    return _open
