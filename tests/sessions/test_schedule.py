import datetime as dt

import pytest
from django.urls import reverse

from sessions.models import Session
from sessions.services import AttendanceEntry
from sessions.services import ScheduleError
from sessions.services import attendance_record
from sessions.services import session_reschedule
from sessions.services import session_schedule
from tests.factories import CohortFactory
from tests.factories import ModuleFactory
from tests.factories import ProgrammeFactory
from tests.sessions.conftest import WITA
from tests.sessions.conftest import wita
from tests.sessions.schedule_form import schedule_data

pytestmark = pytest.mark.django_db


def test_it_plans_a_single_session_in_the_facilitys_time_zone(client, petugas, cohort, fasilitator):
    module = ModuleFactory(title="10 Hal Berbahaya dalam Proses Recovery")
    client.force_login(petugas)
    response = client.post(reverse("sessions:create"), schedule_data(cohort, module=module.pk))
    assert response.status_code == 302
    session = Session.objects.get()
    # 09:00 WITA is 01:00 UTC.
    assert session.starts_at == dt.datetime(2025, 11, 19, 1, 0, tzinfo=dt.UTC)
    assert session.ends_at.astimezone(WITA).time() == dt.time(11, 0)
    assert session.module == module and session.series is None
    # Without a choice, the cohort's facilitators deliver it.
    assert list(session.facilitators.all()) == [fasilitator]
    assert session.history.count() == 1


def test_it_plans_a_weekly_series_on_the_chosen_weekdays(client, petugas, cohort):
    modules = [ModuleFactory(order=i) for i in range(1, 20)]
    client.force_login(petugas)
    data = schedule_data(
        cohort,
        repeat="weekly",
        date="2025-11-05",
        until="2025-12-05",
        weekdays=["2", "3", "4"],
        module=modules[0].pk,
        sequential_modules="on",
    )
    response = client.post(reverse("sessions:create"), data, follow=True)
    assert "15 sesi dijadwalkan" in response.content.decode()
    sessions = list(Session.objects.order_by("starts_at"))
    assert len(sessions) == 15
    assert {s.local_date.weekday() for s in sessions} == {2, 3, 4}
    assert sessions[0].local_date == dt.date(2025, 11, 5)
    assert sessions[-1].local_date == dt.date(2025, 12, 5)
    assert len({s.series for s in sessions}) == 1 and sessions[0].series
    assert [s.module for s in sessions] == modules[:15]


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"end_time": "08:00"}, "Jam selesai harus sesudah jam mulai."),
        ({"repeat": "weekly", "weekdays": ["0"]}, "Isi tanggal terakhir seri mingguan."),
        ({"repeat": "weekly", "until": "2025-12-01"}, "Pilih sedikitnya satu hari."),
        (
            {"repeat": "weekly", "until": "2027-12-01", "weekdays": ["0", "2", "4"]},
            "Paling banyak 60 sesi sekali jadwal.",
        ),
        ({"date": "19-19-2025"}, "Masukkan tanggal yang valid."),
    ],
)
def test_it_explains_bad_schedules_in_indonesian(client, petugas, cohort, overrides, message):
    client.force_login(petugas)
    response = client.post(reverse("sessions:create"), schedule_data(cohort, **overrides))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'value="Aula Pembinaan Rutan Balikpapan"' in page
    assert not Session.objects.exists()


def test_it_refuses_a_facilitator_of_another_partner(
    client, petugas, cohort, other_partner, fasilitator_other
):
    # The same facility also runs a programme with another partner.
    CohortFactory(programme=ProgrammeFactory(facility=petugas.facility, partner=other_partner))
    client.force_login(petugas)
    data = schedule_data(cohort, facilitators=[fasilitator_other.pk])
    response = client.post(reverse("sessions:create"), data)
    assert (
        "Fasilitator harus dari mitra yang menjalankan angkatan ini." in response.content.decode()
    )
    assert not Session.objects.exists()


def test_it_offers_only_the_users_cohorts(client, petugas, cohort, other_cohort):
    client.force_login(petugas)
    page = client.get(reverse("sessions:create")).content.decode()
    assert cohort.name in page and other_cohort.name not in page
    response = client.post(reverse("sessions:create"), schedule_data(other_cohort))
    assert response.status_code == 200 and not Session.objects.exists()


@pytest.mark.parametrize("user_fixture", ["fasilitator"])
def test_it_lets_only_facility_staff_schedule(login_as, client, cohort, user_fixture):
    login_as(user_fixture)
    assert client.get(reverse("sessions:create")).status_code == 403
    assert client.post(reverse("sessions:create"), schedule_data(cohort)).status_code == 403


def test_it_cancels_with_a_reason(client, petugas, session_on):
    session = session_on(dt.date(2025, 11, 19))
    client.force_login(petugas)
    url = reverse("sessions:cancel", args=[session.pk])
    response = client.post(url, {"reason": "  "})
    assert "Tulis alasan pembatalan." in response.content.decode()
    response = client.post(url, {"reason": "Aula dipakai kunjungan Kanwil"}, follow=True)
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert "Aula dipakai kunjungan Kanwil" in response.content.decode()
    assert session.history.first().history_change_reason == "Aula dipakai kunjungan Kanwil"


def test_it_moves_one_session_or_this_and_the_following(cohort, petugas):
    days = [dt.date(2025, 11, 5) + dt.timedelta(days=7 * i) for i in range(4)]
    series = session_schedule(
        cohort=cohort,
        days=days,
        start_time=dt.time(9),
        end_time=dt.time(11),
        module=None,
        by=petugas,
    )
    first, second, third, fourth = series
    session_reschedule(
        session=first, day=days[0], start_time=dt.time(13), end_time=dt.time(15), by=petugas
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.starts_at == wita(days[0], 13) and second.starts_at == wita(days[1], 9)

    third.status = Session.Status.HELD
    third.save()
    # One day later and half an hour longer, from the second session on; a held one stays put.
    moved = session_reschedule(
        session=second,
        day=days[1] + dt.timedelta(days=1),
        start_time=dt.time(10),
        end_time=dt.time(12, 30),
        following=True,
        reason="Aula direnovasi",
        by=petugas,
    )
    assert [s.pk for s in moved] == [second.pk, fourth.pk]
    fourth.refresh_from_db()
    third.refresh_from_db()
    assert fourth.starts_at == wita(days[3] + dt.timedelta(days=1), 10)
    assert fourth.ends_at == wita(days[3] + dt.timedelta(days=1), 12, 30)
    assert third.starts_at == wita(days[2], 9)
    assert fourth.history.first().history_change_reason == "Aula direnovasi"


def test_it_only_moves_planned_sessions(session_on, petugas):
    session = session_on(dt.date(2025, 11, 19), status=Session.Status.HELD)
    with pytest.raises(ScheduleError):
        session_reschedule(
            session=session,
            day=dt.date(2025, 11, 20),
            start_time=dt.time(9),
            end_time=dt.time(11),
            by=petugas,
        )


def test_it_reschedules_through_the_page(client, petugas, session_on):
    session = session_on(dt.date(2025, 11, 19))
    client.force_login(petugas)
    url = reverse("sessions:reschedule", args=[session.pk])
    page = client.get(url).content.decode()
    assert 'value="2025-11-19"' in page and 'value="09:00"' in page
    data = {"date": "2025-11-21", "start_time": "13:00", "end_time": "15:00", "reason": ""}
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert session.starts_at == wita(dt.date(2025, 11, 21), 13)


def test_it_plans_a_catch_up_for_those_who_missed(client, petugas, session_on, enrol):
    session = session_on(dt.date(2025, 11, 19))
    people = enrol(4)
    entries = {p.pk: AttendanceEntry("present") for p in people}
    entries[people[1].pk] = AttendanceEntry("court", "Sidang PN")
    attendance_record(session=session, entries=entries, version=0, by=petugas)
    client.force_login(petugas)
    url = reverse("sessions:catch_up", args=[session.pk])
    page = client.get(url).content.decode()
    assert f'value="{people[1].pk}" ' in page and "checked" in page
    data = {
        "date": "2025-11-24",
        "start_time": "13:30",
        "end_time": "15:00",
        "participants": [people[1].pk],
    }
    response = client.post(url, data)
    catch_up = Session.objects.get(kind=Session.Kind.CATCH_UP)
    assert response.url == reverse("sessions:detail", args=[catch_up.pk])
    assert catch_up.catch_up_for == session and catch_up.module == session.module
    assert list(catch_up.invited.all()) == [people[1]]
    sheet = client.get(reverse("sessions:attendance", args=[catch_up.pk])).content.decode()
    assert sheet.count('data-testid="attendance-row"') == 1


def test_a_refusal_of_the_whole_form_is_said_once_at_the_top(client, petugas, session_on):
    # Cancelling twice: the second is refused for the session, not for one field.
    session = session_on(dt.date(2025, 11, 19))
    client.force_login(petugas)
    url = reverse("sessions:cancel", args=[session.pk])
    client.post(url, {"reason": "Aula dipakai"})
    page = client.post(url, {"reason": "Aula dipakai lagi"}).content.decode()
    refusal = "Hanya sesi yang masih terjadwal yang dapat dibatalkan."
    summary = page[page.index('data-testid="error-summary"') :]
    assert refusal in summary[: summary.index("</div>")]
    assert page.count(refusal) == 1


@pytest.mark.parametrize("url_name", ["sessions:cancel", "sessions:reschedule"])
def test_an_old_link_to_change_a_session_no_longer_planned_goes_back_to_it(
    client, petugas, session_on, url_name
):
    session = session_on(dt.date(2025, 11, 19))
    session.cancel(reason="Aula dipakai")
    client.force_login(petugas)
    response = client.get(reverse(url_name, args=[session.pk]), follow=True)
    assert response.redirect_chain == [(reverse("sessions:detail", args=[session.pk]), 302)]
    assert "Sesi ini tidak lagi terjadwal" in response.content.decode()
