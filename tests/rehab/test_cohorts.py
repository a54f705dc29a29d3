import datetime as dt

import pytest
from django.urls import reverse

from participants.models import Enrollment
from sessions.selectors import session_roster
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import ModuleFactory
from tests.factories import SessionFactory
from tests.sessions.conftest import wita

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(facility, partner):
    return CohortFactory(
        name="Angkatan I 2025", programme__facility=facility, programme__partner=partner
    )


@pytest.fixture
def other_cohort(other_facility, other_partner):
    return CohortFactory(
        name="Angkatan Samarinda",
        programme__facility=other_facility,
        programme__partner=other_partner,
    )


def enrol(cohort, name, **kwargs):
    return EnrollmentFactory(
        cohort=cohort,
        participant__facility=cohort.programme.facility,
        participant__name=name,
        **kwargs,
    )


def test_it_lists_only_the_users_cohorts(client, petugas, fasilitator_other, cohort, other_cohort):
    client.force_login(petugas)
    page = client.get(reverse("rehab:cohort_list")).content.decode()
    assert cohort.name in page and other_cohort.name not in page
    client.force_login(fasilitator_other)
    page = client.get(reverse("rehab:cohort_list")).content.decode()
    assert other_cohort.name in page and cohort.name not in page


def test_it_pages_a_long_list_of_cohorts(client, admin_user, cohort):
    for n in range(50):
        CohortFactory(name=f"Angkatan Uji {n:02d}", programme=cohort.programme)
    client.force_login(admin_user)
    url = reverse("rehab:cohort_list")
    first = client.get(url).context["cohorts"]
    second = client.get(url, {"page": 2}).context["cohorts"]
    names = [c.name for c in first] + [c.name for c in second]
    assert (len(first), len(second)) == (50, 1)
    assert sorted(names) == sorted({*names}) and len(names) == 51  # each cohort exactly once
    assert 'href="?page=2"' in client.get(url).content.decode()


def test_it_shows_each_participants_attendance_rate(
    client, petugas, cohort, django_assert_max_num_queries
):
    people = [enrol(cohort, f"Peserta {i:02d}").participant for i in range(40)]
    left = enrol(
        cohort,
        "Zz Dipindahkan",
        status=Enrollment.Status.TRANSFERRED,
        ended_on=dt.date(2025, 11, 8),
    )
    for number in range(4):
        day = dt.date(2025, 11, 5) + dt.timedelta(days=2 * number)
        session = SessionFactory(cohort=cohort, starts_at=wita(day, 9), ends_at=wita(day, 11))
        entries = {p.pk: AttendanceEntry("present") for p in session_roster(session)}
        if number < 2:
            entries[people[0].pk] = AttendanceEntry("sick", "Demam")
        attendance_record(session=session, entries=entries, version=0, by=petugas)
    client.force_login(petugas)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("rehab:cohort_detail", args=[cohort.pk]))
    page = response.content.decode()
    assert page.count('data-testid="cohort-participant"') == 41
    rows = page.split('data-testid="cohort-participant"')
    first = next(r for r in rows if "Peserta 00" in r)
    assert "2 / 4" in first and ">50%<" in first
    # Transferred on 8 November: on the sheets of 5 and 7 November only.
    moved = next(r for r in rows if left.participant.name in r)
    assert "Dipindahkan" in moved and "2 / 2" in moved and ">100%<" in moved


def test_it_hides_another_facilitys_cohort(client, petugas_other, fasilitator_other, cohort):
    for user in (petugas_other, fasilitator_other):
        client.force_login(user)
        assert client.get(reverse("rehab:cohort_detail", args=[cohort.pk])).status_code == 404


def test_it_lists_the_module_library(client, fasilitator):
    ModuleFactory(code="RHB-09", title="10 Hal Berbahaya dalam Proses Recovery")
    client.force_login(fasilitator)
    page = client.get(reverse("rehab:module_list")).content.decode()
    assert "10 Hal Berbahaya dalam Proses Recovery" in page
