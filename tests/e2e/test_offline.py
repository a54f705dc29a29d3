"""The attendance sheet on a tablet whose network drops: nothing typed is lost or overwritten."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from rutan.roles import Role
from sessions.models import Attendance
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.e2e.scenes import cohort_running
from tests.factories import PASSWORD
from tests.factories import FacilityFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory


@pytest.fixture
def sheet():
    facility = FacilityFactory(timezone="Asia/Makassar")
    petugas = UserFactory(username="petugas_luring", facility=facility, role=Role.PETUGAS)
    colleague = UserFactory(username="rekan", facility=facility, role=Role.PETUGAS)
    partner_staff = UserFactory(
        username="fasilitator_luring", facility=None, partner=None, role=Role.FASILITATOR
    )
    cohort, people = cohort_running(facility, [f"Peserta {i}" for i in range(3)])
    now = timezone.now()
    session = SessionFactory(
        cohort=cohort, starts_at=now - dt.timedelta(hours=3), ends_at=now - dt.timedelta(hours=1)
    )
    partner_staff.partner = cohort.programme.partner
    partner_staff.save(update_fields=["partner"])
    session.facilitators.add(partner_staff)
    cohort.facilitators.add(partner_staff)
    return session, people, petugas, colleague


def row(page, name):
    return page.locator(f"[data-testid=attendance-row][data-participant='{name}']")


def saved_statuses(session) -> dict:
    return dict(Attendance.objects.filter(session=session).values_list("participant", "status"))


def expect_the_offline_input_saved(page, session, people):
    """What record_offline typed has reached the server, and the page says so."""
    expect(page.locator(".alert-success")).to_contain_text("Daftar hadir tersimpan.")
    assert saved_statuses(session) == {
        people[0].pk: "present",
        people[1].pk: "late",
        people[2].pk: "absent",
    }


def record_offline(page, context, live_server, sign_in, session):
    sign_in(page, "petugas_luring", PASSWORD)
    page.goto(live_server.url + reverse("sessions:attendance", args=[session.pk]))
    assert page.evaluate("window.pulihOfflineReady")
    context.set_offline(True)
    row(page, "Peserta 0").get_by_text("Hadir", exact=True).click()
    row(page, "Peserta 1").get_by_text("Terlambat", exact=True).click()
    row(page, "Peserta 2").get_by_text("Alpa", exact=True).click()
    page.get_by_role("button", name="Simpan daftar hadir").first.click()
    expect(page.get_by_test_id("unsent")).to_be_visible()
    expect(page.get_by_test_id("unsent")).to_contain_text("Belum terkirim")


def test_a_sheet_saved_offline_is_sent_when_the_network_is_back(
    page, context, live_server, sign_in, sheet
):
    session, people, petugas, colleague = sheet
    record_offline(page, context, live_server, sign_in, session)
    assert not Attendance.objects.filter(session=session).exists()
    # A reload while offline still opens the sheet, with the unsent input.
    page.reload()
    expect(page.get_by_test_id("unsent")).to_be_visible()
    expect(row(page, "Peserta 1").locator("input[value=late]")).to_be_checked()

    context.set_offline(False)
    expect_the_offline_input_saved(page, session, people)


def test_a_colleagues_save_meanwhile_shows_the_conflict_page_and_is_kept(
    page, context, live_server, sign_in, sheet
):
    session, people, petugas, colleague = sheet
    record_offline(page, context, live_server, sign_in, session)
    attendance_record(
        session=session,
        entries={people[0].pk: AttendanceEntry("sick", "Demam")},
        version=0,
        by=colleague,
    )
    context.set_offline(False)
    expect(page.get_by_test_id("conflict")).to_contain_text("Peserta 0")
    assert saved_statuses(session) == {people[0].pk: "sick"}
    # What was typed offline is still in the form, to check and save deliberately.
    expect(row(page, "Peserta 1").locator("input[value=late]")).to_be_checked()


def test_a_form_kept_offline_survives_a_sign_out_and_is_sent_after_signing_in(
    page, context, live_server, sign_in, sheet
):
    session, people, petugas, colleague = sheet
    record_offline(page, context, live_server, sign_in, session)
    context.clear_cookies()  # the session ended while the network was down
    context.set_offline(False)
    expect(page.get_by_test_id("unsent-signed-out")).to_be_visible()
    assert not Attendance.objects.filter(session=session).exists()

    sign_in(page, "petugas_luring", PASSWORD)
    page.goto(live_server.url + reverse("sessions:attendance", args=[session.pk]))
    expect_the_offline_input_saved(page, session, people)


def test_notes_written_offline_are_sent_when_the_network_is_back(
    page, context, live_server, sign_in, sheet
):
    session, people, petugas, colleague = sheet
    sign_in(page, "fasilitator_luring", PASSWORD)
    page.goto(live_server.url + reverse("sessions:notes", args=[session.pk]))
    assert page.evaluate("window.pulihOfflineReady")
    context.set_offline(True)
    page.get_by_label("Diskusi kelompok").check()
    page.get_by_label("Ringkasan pelaksanaan").fill("Peserta memetakan pendukung pemulihan.")
    page.get_by_role("button", name="Simpan catatan").click()
    expect(page.get_by_test_id("unsent")).to_be_visible()
    session.refresh_from_db()
    assert session.summary == ""

    context.set_offline(False)
    expect(page.locator(".alert-success")).to_contain_text("Catatan sesi dan observasi tersimpan.")
    session.refresh_from_db()
    assert session.summary == "Peserta memetakan pendukung pemulihan."
    assert session.methods == ["group_discussion"]


KEPT_PAGES = "caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys())))).then((lists) => lists.flat().map((r) => new URL(r.url).pathname))"
UNSENT = """new Promise((resolve) => {
  const request = indexedDB.open("pulih-offline", 1);
  request.onsuccess = () => {
    const get = request.result.transaction("outbox").objectStore("outbox").getAll();
    get.onsuccess = () => resolve(get.result.map((entry) => new URL(entry.url).pathname));
  };
})"""


def test_signing_out_forgets_the_kept_pages_but_not_the_unsent_form(
    page, context, live_server, sign_in, sheet
):
    session, people, petugas, colleague = sheet
    sheet_path = reverse("sessions:attendance", args=[session.pk])
    record_offline(page, context, live_server, sign_in, session)
    # Leave the sheet before the network is back, so that nothing sends the kept form yet.
    page.goto("about:blank")
    context.set_offline(False)
    page.goto(live_server.url + "/")
    assert sheet_path in page.evaluate(KEPT_PAGES)

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page.locator("#id_username")).to_be_visible()
    # The page with names on it is gone from the browser; the unsent sheet is still there.
    assert page.evaluate(KEPT_PAGES) == []
    assert page.evaluate(UNSENT) == [sheet_path]

    sign_in(page, "petugas_luring", PASSWORD)
    page.goto(live_server.url + sheet_path)
    expect(page.locator(".alert-success")).to_contain_text("Daftar hadir tersimpan.")
    assert Attendance.objects.filter(session=session).count() == 3
