"""One definition of "active on a date": dashboard, home, registry, report and workbook agree."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from participants.models import Enrollment
from tests.factories import CohortFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.rehab.report_workbook import monthly_workbook
from tests.rehab.report_workbook import sheet_figures

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def samarinda_like(facility, today):
    """Two active with consent, one terdaftar (not yet active), one 'active' without consent."""
    cohort = CohortFactory(
        programme__facility=facility,
        start_date=today - dt.timedelta(days=60),
        end_date=today + dt.timedelta(days=60),
    )
    started = today - dt.timedelta(days=20)

    def person(name, **fields):
        participant = ParticipantFactory(facility=facility, name=name)
        dates = {"enrolled_on": started, "activated_on": started, "status_changed_on": started}
        EnrollmentFactory(participant=participant, cohort=cohort, **{**dates, **fields})
        return participant

    person("Aktif Satu")
    person("Aktif Dua")
    registered = person("Terdaftar", status=S.ENROLLED, activated_on=None)
    ConsentFactory(participant=registered, given_on=started)
    # Set active behind the lifecycle's back (an import, the admin): no consent recorded.
    person("Tanpa Persetujuan", consent=False)
    return facility


def _number(html: str, testid: str) -> int:
    match = re.search(rf'data-testid="{testid}"[^>]*>\s*(?:<a[^>]*>)?\s*(\d+)', html)
    assert match, testid
    return int(match.group(1))


def test_it_counts_the_same_active_participants_on_every_screen_report_and_export(
    client, kepala, petugas, samarinda_like, today
):
    client.force_login(kepala)
    dashboard = client.get(reverse("rehab:dashboard")).content.decode()
    month = today.replace(day=1)
    args = [samarinda_like.code, month.year, month.month]
    report = client.get(reverse("rehab:report_monthly", args=args))
    rows = sheet_figures(monthly_workbook(client, args)["Ringkasan"])

    client.force_login(petugas)
    home = client.get(reverse("home")).content.decode()
    registry = client.get(reverse("participants:list"), {"status": "active"})

    assert _number(dashboard, "kpi-active") == 2
    assert _number(home, "participants-active") == 2
    assert sorted(p.name for p in registry.context["page"].object_list) == [
        "Aktif Dua",
        "Aktif Satu",
    ]
    assert report.context["report"].activity.active_at_end == 2
    assert rows["Peserta aktif pada akhir bulan"] == 2
    # Handled: the terdaftar enrolment and the one without consent are nobody's work yet.
    assert rows["Warga binaan yang ditangani (orang)"] == 2


def test_it_defines_active_on_a_day_by_start_end_suspension_and_consent(facility):
    day = dt.date(2025, 11, 19)
    cohort = CohortFactory(programme__facility=facility)

    def enrolment(**fields):
        return EnrollmentFactory(cohort=cohort, participant__facility=facility, **fields)

    running = enrolment()
    enrolment(activated_on=day + dt.timedelta(days=1))  # starts the next day
    enrolment(status=S.COMPLETED, ended_on=day)  # ended that day: no longer active
    ends_later = enrolment(status=S.DROPPED_OUT, ended_on=day + dt.timedelta(days=1))
    enrolment(status=S.SUSPENDED, status_changed_on=day - dt.timedelta(days=2))
    enrolment(status=S.ENROLLED)
    withdrawn = enrolment()
    withdrawn.participant.consents.update(withdrawn_on=day - dt.timedelta(days=1))
    enrolment(consent=False)

    active = set(Enrollment.objects.active_on(day))
    assert active == {running, ends_later}
    # Handled in November: everyone who took part on some day of the month or ended in it.
    handled = set(Enrollment.objects.active_during(dt.date(2025, 11, 1), dt.date(2025, 11, 30)))
    assert running in handled and ends_later in handled
    assert not handled & set(Enrollment.objects.filter(status=S.ENROLLED))
