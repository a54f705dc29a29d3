import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import CohortFactory
from tests.factories import ProgrammeFactory


@pytest.fixture
def running_cohort(facility, partner):
    """A cohort of the facility that started ten days ago, with room for ten."""
    today = timezone.localdate()
    return CohortFactory(
        programme=ProgrammeFactory(facility=facility, partner=partner),
        name="Angkatan Berjalan",
        start_date=today - dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=20),
        capacity=10,
    )
