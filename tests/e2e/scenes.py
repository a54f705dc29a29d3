"""Rows the browser tests build before a person opens the pages."""

import datetime as dt

from django.utils import timezone

from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import ProgrammeFactory


def cohort_running(facility, names):
    """A cohort of the facility running from 60 days ago to 60 days ahead, with one enrolled
    participant per name; returns the cohort and the participants, in the names' order."""
    today = timezone.localdate()
    cohort = CohortFactory(
        programme=ProgrammeFactory(facility=facility),
        start_date=today - dt.timedelta(days=60),
        end_date=today + dt.timedelta(days=60),
    )
    people = [
        EnrollmentFactory(
            cohort=cohort, participant__facility=facility, participant__name=name
        ).participant
        for name in names
    ]
    return cohort, people
