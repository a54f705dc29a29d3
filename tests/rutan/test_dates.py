"""Issue 9, item 11: every date a person or an import enters is bounded; bad stored dates
already in the database no longer break the pages that list them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import Participant
from rutan import dates
from sessions.models import Session
from tests.factories import CohortFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row
from tests.rutan.bad_dates import post_weekly_series_until_9999
from tests.sessions.schedule_form import schedule_data

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def cohort(facility, partner, fasilitator):
    cohort = CohortFactory(programme=ProgrammeFactory(facility=facility, partner=partner))
    cohort.facilitators.add(fasilitator)
    return cohort


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "9999-12-31"])
def test_it_refuses_a_session_dated_outside_the_sensible_range(client, petugas, cohort, day):
    client.force_login(petugas)
    # Midnight local time: on 1 January 0001 that falls before year 1 in UTC.
    data = schedule_data(cohort, date=day, start_time="00:00", end_time="10:00")
    response = client.post(reverse("sessions:create"), data)
    assert response.status_code == 200
    assert "Tanggal harus antara 1 Januari 2000 dan" in response.content.decode()
    assert not Session.objects.exists()


def test_it_refuses_a_weekly_series_until_9999(client, petugas, cohort):
    client.force_login(petugas)
    response = post_weekly_series_until_9999(client, cohort)
    assert response.status_code == 200
    assert "Tanggal harus antara" in response.content.decode()
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "1850-05-01", "Tanggal lahir harus antara 1 Januari 1900"),
        ("admission_date", "0001-01-01", "Tanggal harus antara 1 Januari 1970"),
        ("expected_release_date", "9999-12-31", "Tanggal harus antara 1 Januari 1970"),
    ],
)
def test_it_refuses_participant_dates_outside_the_range(client, petugas, field, value, message):
    client.force_login(petugas)
    data = {
        "name": "Contoh Nama Fiktif",
        "register_type": "A.III",
        "registration_number": "AIII.900/2025",
        "birth_date": "1990-01-01",
        "sex": "M",
        "admission_date": "2025-06-01",
        field: value,
    }
    response = client.post(reverse("participants:create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Participant.objects.exists()


def test_it_refuses_out_of_range_dates_in_the_import(client, petugas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(petugas)
    content = csv_bytes(
        [row(1, tanggal_masuk="01-01-0001"), row(2, perkiraan_bebas="31-12-9999"), row(3)]
    )
    client.post(reverse("participants:import"), {"file": SimpleUploadedFile("a.csv", content)})
    preview = client.get(reverse("participants:import_preview"))
    errors = {r.line: r.errors for r in preview.context["preview"].rows}
    assert any("1 Januari 1970" in e for e in errors[2])
    assert any("1 Januari 1970" in e for e in errors[3])
    assert errors[4] == []


def test_it_refuses_an_out_of_range_session_in_the_admin(client, admin_user, cohort):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:rehab_sessions_session_add"),
        {
            "cohort": cohort.pk,
            "starts_at_0": "0001-01-01",
            "starts_at_1": "00:00",
            "ends_at_0": "0001-01-01",
            "ends_at_1": "02:00",
            "status": "planned",
            "kind": "regular",
            "methods": "[]",
            "attendance_version": 0,
        },
    )
    assert response.status_code == 200
    assert "Tanggal harus antara" in response.content.decode()
    assert not Session.objects.exists()


def test_it_keeps_pages_up_when_a_bad_date_is_already_stored(
    client, petugas, kepala, fasilitator, admin_user, cohort
):
    # Stored through the ORM, as the old form did: 0001-01-01 00:00 WITA is 1 BC in UTC.
    for start in (
        dt.datetime(1, 1, 1, 0, 0, tzinfo=WITA),
        dt.datetime(9999, 12, 31, 20, tzinfo=WITA),
    ):
        session = SessionFactory(
            cohort=cohort, starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )
        session.facilitators.add(fasilitator)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    pages = {
        petugas: ["/", reverse("rehab:cohort_detail", args=[cohort.pk])],
        kepala: ["/", reverse("rehab:cohort_detail", args=[cohort.pk])],
        fasilitator: ["/", reverse("sessions:detail", args=[session.pk])],
        admin_user: [
            "/",
            reverse("admin:rehab_sessions_session_changelist"),
            reverse("admin:rehab_sessions_session_change", args=[session.pk]),
        ],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200, (user.username, url)


def test_query_dates_fall_back_when_out_of_bounds():
    assert dates.query_day("2025-11-19") == dt.date(2025, 11, 19)
    assert dates.query_day("9999-12-31") is None
    assert dates.query_day("0001-01-01") is None
    assert dates.query_month("2025-11") == dt.date(2025, 11, 1)
    assert dates.query_month("0001-01") is None
    assert dates.query_month("11/2025") == dt.date(2025, 11, 1)
