"""Two sessions of one cohort, or one facilitator in two places, at the same time are refused."""

import datetime as dt

import pytest
from django.forms import modelform_factory
from django.urls import reverse

from rutan.models import AuditEvent
from sessions.admin import SessionAdminForm
from sessions.models import Session
from sessions.services import ScheduleClash
from sessions.services import session_reschedule
from sessions.services import session_schedule
from tests.factories import CohortFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.sessions.conftest import wita
from tests.sessions.schedule_form import schedule_data

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 19)


def test_it_refuses_a_second_session_of_the_cohort_at_an_overlapping_time(
    client, petugas, cohort, session_on
):
    existing = session_on(DAY, title="Sesi Pemicu")  # 09:00–11:00 WITA
    client.force_login(petugas)
    data = schedule_data(cohort, start_time="10:30", end_time="12:00")
    response = client.post(reverse("sessions:create"), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Jadwal bentrok" in page and "«Sesi Pemicu»" in page
    assert "Rabu, 19 November 2025 09:00–11:00 WITA" in page
    assert "angkatan yang sama" in page
    # A petugas cannot confirm it: no checkbox, and ticking it by hand changes nothing.
    assert 'name="confirm_overlap"' not in page
    assert (
        client.post(reverse("sessions:create"), {**data, "confirm_overlap": "1"}).status_code == 409
    )
    assert list(Session.objects.all()) == [existing]

    # Back to back is no clash.
    data.update(start_time="11:00", end_time="12:00")
    assert client.post(reverse("sessions:create"), data).status_code == 302


def test_it_refuses_a_facilitator_in_two_places_and_names_them(
    petugas, cohort, fasilitator, facility, partner
):
    other_cohort = CohortFactory(
        name="Angkatan II", programme=ProgrammeFactory(facility=facility, partner=partner)
    )
    busy = SessionFactory(
        cohort=other_cohort,
        title="Konseling kelompok",
        starts_at=wita(DAY, 13),
        ends_at=wita(DAY, 15),
    )
    busy.facilitators.add(fasilitator)
    # A weekly series whose second date meets the busy afternoon.
    with pytest.raises(ScheduleClash) as caught:
        session_schedule(
            cohort=cohort,
            days=[DAY - dt.timedelta(days=7), DAY],
            start_time=dt.time(14),
            end_time=dt.time(16),
            module=None,
            facilitators=[fasilitator],
            by=petugas,
        )
    message = str(caught.value)
    assert "«Konseling kelompok» (Angkatan II" in message
    assert f"fasilitator {fasilitator} sudah bertugas di sana" in message
    assert "angkatan yang sama" not in message
    assert Session.objects.count() == 1
    # Without that facilitator the same series fits.
    assert len(session_schedule(
        cohort=cohort, days=[DAY - dt.timedelta(days=7), DAY], start_time=dt.time(14),
        end_time=dt.time(16), module=None, facilitators=[], by=petugas,
    )) == 2  # fmt: skip


def test_moving_a_session_onto_another_is_refused_but_not_onto_itself(petugas, session_on):
    first = session_on(DAY)
    second = session_on(DAY + dt.timedelta(days=1))
    # Moving within its own slot never clashes with itself.
    session_reschedule(
        session=first, day=DAY, start_time=dt.time(9, 30), end_time=dt.time(11), by=petugas
    )
    with pytest.raises(ScheduleClash):
        session_reschedule(
            session=first, day=DAY + dt.timedelta(days=1), start_time=dt.time(10),
            end_time=dt.time(12), by=petugas,
        )  # fmt: skip
    first.refresh_from_db()
    assert first.local_date == DAY and second.local_date == DAY + dt.timedelta(days=1)


def test_the_kepala_may_confirm_a_deliberate_overlap_after_seeing_it(
    client, kepala, cohort, session_on
):
    session_on(DAY, title="Sesi Pemicu")
    client.force_login(kepala)
    data = schedule_data(cohort, start_time="10:00", end_time="12:00", title="Sesi gabungan")
    response = client.post(reverse("sessions:create"), data)
    assert response.status_code == 409
    assert 'name="confirm_overlap"' in response.content.decode()

    response = client.post(reverse("sessions:create"), {**data, "confirm_overlap": "1"})
    assert response.status_code == 302
    assert Session.objects.filter(title="Sesi gabungan").exists()
    event = AuditEvent.objects.get(action="session.confirm_overlap", user=kepala)
    assert "Sesi Pemicu" in event.detail


def test_a_cancelled_session_is_no_clash(petugas, cohort, session_on):
    cancelled = session_on(DAY)
    cancelled.cancel(reason="Aula dipakai")
    sessions = session_schedule(
        cohort=cohort, days=[DAY], start_time=dt.time(9), end_time=dt.time(11), module=None,
        by=petugas,
    )  # fmt: skip
    assert len(sessions) == 1


def test_an_admin_edit_onto_another_session_is_refused(cohort, session_on, fasilitator):
    session_on(DAY, title="Sesi Pemicu")
    other = session_on(DAY + dt.timedelta(days=1))
    Form = modelform_factory(
        Session,
        form=SessionAdminForm,
        fields=["cohort", "title", "starts_at", "ends_at", "status", "kind", "facilitators"],
    )
    data = {
        "cohort": cohort.pk,
        "title": "",
        "starts_at": "2025-11-19 10:00",
        "ends_at": "2025-11-19 12:00",
        "status": "planned",
        "kind": "regular",
        "facilitators": [fasilitator.pk],
    }
    form = Form(data, instance=other)
    assert not form.is_valid()
    assert "«Sesi Pemicu»" in " ".join(form.non_field_errors())
    # Its own slot is no clash.
    data.update(starts_at="2025-11-20 09:30", ends_at="2025-11-20 11:00")
    assert Form(data, instance=other).is_valid()
