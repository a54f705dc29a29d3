"""Every "date of" is the date at the facility: 00:16 WITA is that day, not the UTC day before."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from participants.models import Enrollment
from participants.timeline import timeline_for
from rehab.models import Evaluation
from rutan.dates import facility_date
from rutan.dates import facility_today
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")


def test_the_helper_reads_dates_in_the_facilitys_zone():
    moment = dt.datetime(2025, 11, 20, 0, 16, tzinfo=WITA)
    assert moment.astimezone(dt.UTC).date() == dt.date(2025, 11, 19)
    assert facility_date(moment, "Asia/Makassar") == dt.date(2025, 11, 20)
    assert facility_date(moment, "Asia/Jakarta") == dt.date(2025, 11, 19)
    assert facility_today(FacilityFactory(timezone="Asia/Jayapura"), now=moment) == dt.date(
        2025, 11, 20
    )


def test_an_evaluation_written_just_after_midnight_wita_is_dated_that_day(client, kepala):
    enrollment = EnrollmentFactory(participant__facility=kepala.facility)
    evaluation = EvaluationFactory(enrollment=enrollment)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        created_at=dt.datetime(2025, 11, 20, 0, 16, tzinfo=WITA)
    )
    entries = [e for e in timeline_for(enrollment.participant, kepala) if e.kind == "evaluation"]
    assert [e.on for e in entries] == [dt.date(2025, 11, 20)]

    client.force_login(kepala)
    page = client.get(reverse("participants:detail", args=[enrollment.participant_id]))
    timeline = page.content.decode().split('data-testid="timeline"')[1]
    assert "20 Nov 2025" in timeline and "19 Nov 2025" not in timeline


def test_an_enrolment_change_is_dated_in_its_facilitys_zone_whoever_looks(admin_user):
    # Jayapura keeps WIT (UTC+9); the installation's default zone is WITA (UTC+8).
    facility = FacilityFactory(
        name="Lapas Jayapura", code="lapas-jayapura", timezone="Asia/Jayapura"
    )
    enrollment = EnrollmentFactory(participant__facility=facility, status="screened")
    Enrollment.history.filter(id=enrollment.pk).update(
        history_date=dt.datetime(2025, 11, 20, 0, 30, tzinfo=WIT), status_changed_on=None
    )
    entries = [
        e for e in timeline_for(enrollment.participant, admin_user) if e.kind == "enrollment"
    ]
    assert [e.on for e in entries] == [dt.date(2025, 11, 20)]
