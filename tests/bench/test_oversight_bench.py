"""Benchmark: the national dashboard and the national PP 25/2011 recap over 500 facilities.

Run with `make bench`. The data is written with bulk_create (about a minute): 500 facilities
over the 38 regions, each with one cohort, 20 participants, 4 sessions held in November 2025
and every participant's attendance: 10,000 people, 2,000 sessions, 40,000 attendance rows.
The issue asks for each answer within 1 s on this size.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from participants.models import Consent
from participants.models import Enrollment
from participants.models import Participant
from rehab.models import Cohort
from rehab.models import Module
from rehab.models import Partner
from rehab.models import Programme
from rutan.models import Facility
from rutan.models import Region
from rutan.reference_data import regions_import
from rutan.roles import Role
from sessions.models import Attendance
from sessions.models import Session
from tests.bench.conftest import median_seconds
from tests.factories import UserFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

FACILITIES, PEOPLE, SESSIONS = 500, 20, 4
LIMIT_SECONDS = 1.0


def build_nation() -> None:
    if not Region.objects.exists():
        regions_import(region_model=Region)
    facilities = _facilities(list(Region.objects.order_by("code")))
    module = Module.objects.create(code="B1", title="Modul uji", order=1)
    cohorts = _cohorts(facilities)
    people, recorder = _people(facilities, cohorts)
    sessions = _sessions(cohorts, module)
    _attendance(sessions, people, recorder)


def _facilities(regions: list[Region]) -> list[Facility]:
    """FACILITIES facilities spread over the regions, each in its region's time zone."""
    return Facility.objects.bulk_create(
        Facility(
            code=f"upt-{n:03d}",
            name=f"UPT Uji {n:03d}",
            kind=Facility.Kind.LAPAS if n % 3 else Facility.Kind.RUTAN,
            city="Kota",
            region=regions[n % len(regions)],
            timezone=regions[n % len(regions)].timezone,
        )
        for n in range(FACILITIES)
    )


def _cohorts(facilities: list[Facility]) -> list[Cohort]:
    """One programme and one cohort per facility, run with the same partner."""
    partner = Partner.objects.create(name="Yayasan Uji", short_name="Uji", leader_name="X")
    programmes = Programme.objects.bulk_create(
        Programme(
            facility=f,
            partner=partner,
            name="Program",
            start_date=dt.date(2025, 11, 1),
            end_date=dt.date(2025, 12, 31),
        )
        for f in facilities
    )
    return Cohort.objects.bulk_create(
        Cohort(programme=p, name="Angkatan I", start_date=p.start_date, end_date=p.end_date)
        for p in programmes
    )


def _people(facilities: list[Facility], cohorts: list[Cohort]) -> tuple[list[Participant], object]:
    """PEOPLE participants per facility, consenting and active in its cohort; and a recorder."""
    substances = ["amphetamines", "cannabis", "opioids", ""]
    people = Participant.objects.bulk_create(
        Participant(
            facility=f,
            register_type="A.II",
            registration_number=f"AII.{i:03d}/2025",
            name=f"Peserta {f.code} {i}",
            sex="M" if i % 4 else "F",
            birth_date=dt.date(1980 + i, 1, 1),
            admission_date=dt.date(2025, 6, 1),
            primary_substance=substances[i % 4],
            use_duration_months=(i % 12) * 12,
            use_route="smoked",
        )
        for f in facilities
        for i in range(PEOPLE)
    )
    recorder = UserFactory(facility=None)
    # Counted people need a valid informed consent (Enrollment.objects.active_during).
    Consent.objects.bulk_create(
        Consent(participant=person, given_on=dt.date(2025, 11, 1), recorded_by=recorder)
        for person in people
    )
    Enrollment.objects.bulk_create(
        Enrollment(
            participant=person,
            cohort=cohorts[n // PEOPLE],
            status=Enrollment.Status.ACTIVE,
            enrolled_on=dt.date(2025, 11, 1),
            activated_on=dt.date(2025, 11, 3),
        )
        for n, person in enumerate(people)
    )
    return people, recorder


def _sessions(cohorts: list[Cohort], module: Module) -> list[Session]:
    """SESSIONS held sessions per cohort, weekly from 4 November at 09:00 local."""
    return Session.objects.bulk_create(
        Session(
            cohort=cohort,
            module=module,
            title="Sesi",
            starts_at=dt.datetime(
                2025, 11, 4 + 7 * k, 9, tzinfo=ZoneInfo(cohort.programme.facility.timezone)
            ),
            ends_at=dt.datetime(
                2025, 11, 4 + 7 * k, 11, tzinfo=ZoneInfo(cohort.programme.facility.timezone)
            ),
            status=Session.Status.HELD,
            place="Aula",
        )
        for cohort in cohorts
        for k in range(SESSIONS)
    )


def _attendance(sessions: list[Session], people: list[Participant], recorder) -> None:
    """Every participant at each of their cohort's sessions; one in five absent."""
    Attendance.objects.bulk_create(
        (
            Attendance(
                session=session,
                participant=people[(n // SESSIONS) * PEOPLE + i],
                status=Attendance.Status.PRESENT if i % 5 else Attendance.Status.ABSENT,
                recorded_by=recorder,
            )
            for n, session in enumerate(sessions)
            for i in range(PEOPLE)
        ),
        batch_size=5000,
    )


def test_national_dashboard_and_recap_at_national_size(client, bench_table):
    build_nation()
    client.force_login(UserFactory(facility=None, role=Role.PUSAT))
    dashboard = reverse("rehab:oversight") + "?periode=2025-11"
    recap = reverse("rehab:recap", args=["nasional", "2025-11"])
    for url in (dashboard, recap):  # warm up, and check the rows are all there
        response = client.get(url)
        assert response.status_code == 200
    assert response.content.decode().count("UPT Uji") >= FACILITIES

    bench_table.append(("/health", median_seconds(lambda: client.get("/health"), 20)))
    timings = {
        "national dashboard, 500 UPT": median_seconds(lambda: client.get(dashboard), 5),
        "national recap page, 500 UPT": median_seconds(lambda: client.get(recap), 5),
        "national recap xlsx, 500 UPT": median_seconds(
            lambda: client.get(reverse("rehab:recap_xlsx", args=["nasional", "2025-11"])), 3
        ),
    }
    bench_table.extend(timings.items())
    for name, seconds in timings.items():
        assert seconds <= LIMIT_SECONDS, f"{name}: {seconds:.2f} s"
