"""Programmes and cohorts run from the pages, and a cohort's schedule made from the curriculum."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from rehab.models import Cohort
from rehab.models import Programme
from rutan.roles import Role
from sessions.models import Session
from tests.factories import AgreementFactory
from tests.factories import CohortFactory
from tests.factories import ModuleFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def programme(facility, partner):
    return ProgrammeFactory(
        facility=facility,
        partner=partner,
        name="Program Rehabilitasi 2026",
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 12, 31),
    )


@pytest.fixture
def cohort(programme, fasilitator):
    cohort = CohortFactory(
        programme=programme,
        name="Angkatan III 2026",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 4, 30),
        place="Aula Pembinaan",
    )
    cohort.facilitators.add(fasilitator)
    return cohort


def programme_data(facility, partner, **extra):
    return {
        "facility": facility.pk,
        "name": "Program Rehabilitasi 2027",
        "partner": partner.pk,
        "start_date": "2027-01-04",
        "end_date": "2027-06-30",
        "description": "",
        **extra,
    }


def test_the_kepala_creates_a_programme_of_their_own_facility(
    client, kepala, facility, other_facility, partner
):
    agreement = AgreementFactory(facility=facility, partner=partner)
    client.force_login(kepala)
    # Even a forged facility id lands on the kepala's own facility.
    data = programme_data(other_facility, partner, agreement=agreement.pk)
    response = client.post(reverse("rehab:programme_create"), data)
    programme = Programme.objects.get(name="Program Rehabilitasi 2027")
    assert response.status_code == 302
    assert programme.facility == facility and programme.agreement == agreement
    assert programme.history.first().history_user == kepala


def test_it_refuses_an_agreement_with_another_partner(
    client, kepala, facility, partner, other_partner
):
    agreement = AgreementFactory(facility=facility, partner=other_partner)
    client.force_login(kepala)
    response = client.post(
        reverse("rehab:programme_create"),
        programme_data(facility, partner, agreement=agreement.pk),
    )
    assert response.status_code == 200
    assert "PKS ini dengan mitra lain" in response.content.decode()
    assert not Programme.objects.exists()


def test_petugas_and_facilitators_may_read_but_not_create(client, petugas, fasilitator, programme):
    for user in (petugas, fasilitator):
        client.force_login(user)
        assert client.get(reverse("rehab:programme_create")).status_code == 403
        assert client.get(reverse("rehab:programme_detail", args=[programme.pk])).status_code == 200


def test_a_kepala_of_another_facility_gets_404(client, programme, other_facility):
    other = UserFactory(facility=other_facility, role=Role.KEPALA)
    client.force_login(other)
    assert client.get(reverse("rehab:programme_edit", args=[programme.pk])).status_code == 404
    assert client.get(reverse("rehab:cohort_schedule", args=[programme.pk])).status_code == 404


def test_the_kepala_creates_a_cohort_with_the_partners_facilitators(
    client, kepala, programme, fasilitator, fasilitator_other
):
    client.force_login(kepala)
    page = client.get(reverse("rehab:cohort_create") + f"?program={programme.pk}").content.decode()
    assert str(fasilitator) in page and str(fasilitator_other) not in page
    data = {
        "programme": programme.pk,
        "name": "Angkatan III 2026",
        "start_date": "2026-03-02",
        "end_date": "2026-04-30",
        "capacity": "25",
        "place": "Aula Pembinaan",
        "facilitators": [fasilitator.pk],
    }
    response = client.post(reverse("rehab:cohort_create"), data)
    cohort = Cohort.objects.get(name="Angkatan III 2026")
    assert response.url == reverse("rehab:cohort_schedule", args=[cohort.pk])
    assert list(cohort.facilitators.all()) == [fasilitator] and cohort.capacity == 25


def test_a_cohort_ending_before_it_starts_is_refused(client, kepala, programme):
    client.force_login(kepala)
    data = {
        "programme": programme.pk,
        "name": "Angkatan terbalik",
        "start_date": "2026-03-02",
        "end_date": "2026-02-01",
        "capacity": "25",
    }
    response = client.post(reverse("rehab:cohort_create"), data)
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai" in response.content.decode()
    assert not Cohort.objects.filter(name="Angkatan terbalik").exists()


def schedule_data(modules, **extra):
    data = {
        "modules": [m.pk for m in modules],
        "first_day": "2026-03-02",
        "weekdays": ["0", "3"],  # Monday and Thursday
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Aula Pembinaan",
    }
    for position, module in enumerate(modules, start=1):
        data[f"order_{module.pk}"] = str(position)
    data.update(extra)
    return data


def test_the_preview_lists_one_session_per_module_and_saves_nothing(client, kepala, cohort):
    modules = [ModuleFactory(order=i) for i in range(1, 5)]
    client.force_login(kepala)
    url = reverse("rehab:cohort_schedule", args=[cohort.pk])
    # Deliver the fourth module first: the order boxes decide.
    data = schedule_data(modules)
    data[f"order_{modules[3].pk}"] = "1"
    data[f"order_{modules[0].pk}"] = "2"
    data[f"order_{modules[1].pk}"] = "3"
    data[f"order_{modules[2].pk}"] = "4"
    response = client.post(url, data)
    page = response.content.decode()
    assert "Pratinjau: 4 sesi" in page and "Buat 4 sesi" in page
    table = page[page.index('data-testid="schedule-preview-table"') :]
    assert table.index(modules[3].title) < table.index(modules[0].title)
    assert not Session.objects.exists()


def test_confirming_creates_the_sessions_in_order_on_the_weekly_pattern(
    client, kepala, cohort, fasilitator
):
    modules = [ModuleFactory(order=i) for i in range(1, 5)]
    client.force_login(kepala)
    url = reverse("rehab:cohort_schedule", args=[cohort.pk])
    response = client.post(url, {**schedule_data(modules), "confirm": "1"}, follow=True)
    assert "4 sesi dijadwalkan" in response.content.decode()
    sessions = list(Session.objects.order_by("starts_at"))
    # Mon 2, Thu 5, Mon 9, Thu 12 March 2026, at 09:00 WITA.
    assert [s.local_date for s in sessions] == [
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 5),
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 12),
    ]
    assert [s.module for s in sessions] == modules
    assert sessions[0].starts_at == dt.datetime(2026, 3, 2, 9, tzinfo=WITA)
    assert len({s.series for s in sessions}) == 1 and sessions[0].series is not None
    assert all(list(s.facilitators.all()) == [fasilitator] for s in sessions)
    assert all(s.place == "Aula Pembinaan" for s in sessions)


def test_confirming_twice_schedules_the_cohort_once(client, kepala, cohort):
    """A double click on "Buat 4 sesi", or Back and confirm again: one schedule, and the second
    click lands on the cohort like the first instead of a page of clashes with itself."""
    modules = [ModuleFactory(order=i) for i in range(1, 5)]
    client.force_login(kepala)
    url = reverse("rehab:cohort_schedule", args=[cohort.pk])
    first = client.post(url, {**schedule_data(modules), "confirm": "1"})
    again = client.post(url, {**schedule_data(modules), "confirm": "1"})
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert Session.objects.filter(cohort=cohort).count() == 4


def test_a_facilitator_busy_elsewhere_is_a_clash_and_nothing_is_created(
    client, kepala, cohort, fasilitator, facility, partner
):
    elsewhere = CohortFactory(
        programme=ProgrammeFactory(facility=facility, partner=partner), name="Angkatan lain"
    )
    busy = SessionFactory(
        cohort=elsewhere,
        starts_at=dt.datetime(2026, 3, 5, 10, tzinfo=WITA),
        ends_at=dt.datetime(2026, 3, 5, 12, tzinfo=WITA),
    )
    busy.facilitators.add(fasilitator)
    modules = [ModuleFactory(order=i) for i in range(1, 4)]
    client.force_login(kepala)
    url = reverse("rehab:cohort_schedule", args=[cohort.pk])
    preview = client.post(url, schedule_data(modules)).content.decode()
    assert "Angkatan lain" in preview and "Buat 3 sesi" not in preview
    response = client.post(url, {**schedule_data(modules), "confirm": "1"})
    assert response.status_code == 200
    assert "Jadwal bertabrakan" in response.content.decode()
    assert Session.objects.filter(cohort=cohort).count() == 0


def test_a_session_of_the_same_cohort_is_a_clash_but_a_cancelled_one_is_not(client, kepala, cohort):
    SessionFactory(
        cohort=cohort,
        starts_at=dt.datetime(2026, 3, 2, 8, tzinfo=WITA),
        ends_at=dt.datetime(2026, 3, 2, 9, 30, tzinfo=WITA),
        status=Session.Status.CANCELLED,
        cancel_reason="Banjir",
    )
    modules = [ModuleFactory(order=1)]
    client.force_login(kepala)
    url = reverse("rehab:cohort_schedule", args=[cohort.pk])
    client.post(url, {**schedule_data(modules), "confirm": "1"})
    assert Session.objects.filter(cohort=cohort, status=Session.Status.PLANNED).count() == 1
    # The same slot again (another room: not the same form sent twice) clashes with it.
    response = client.post(url, {**schedule_data(modules), "confirm": "1", "place": "Masjid"})
    assert "angkatan yang sama" in response.content.decode()
    assert Session.objects.filter(cohort=cohort, status=Session.Status.PLANNED).count() == 1


def test_a_schedule_running_past_the_cohorts_end_is_refused(client, kepala, cohort):
    modules = [ModuleFactory(order=i) for i in range(1, 21)]
    client.force_login(kepala)
    url = reverse("rehab:cohort_schedule", args=[cohort.pk])
    response = client.post(url, {**schedule_data(modules), "confirm": "1"})
    assert "sesudah angkatan berakhir" in response.content.decode()
    assert not Session.objects.exists()


def test_petugas_may_not_generate_a_schedule(client, petugas, cohort):
    client.force_login(petugas)
    assert client.get(reverse("rehab:cohort_schedule", args=[cohort.pk])).status_code == 403
