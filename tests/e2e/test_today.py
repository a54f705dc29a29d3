"""Done when: on the fresh demo, each role does today's work in the browser.

The petugas records today's session of Angkatan II, the facilitator writes its notes, the kepala
approves from the queue, creates Angkatan III from the curriculum and enrols three screened
people. A second journey registers a new person through to active with the guided flow.

Clicks are counted as a person makes them: one per link, button, checkbox or field to type in,
two per dropdown choice (open, pick).
"""

import datetime as dt

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from participants.models import Enrollment
from participants.models import Participant
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import ReviewStatus
from sessions.models import Session
from sessions.selectors import facility_today

PASSWORD = "pulih-demo"


class Clicks:
    """Performs and counts a person's clicks."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def check(self, locator):
        self.count += 1
        locator.check()

    def fill(self, locator, text: str):
        self.count += 1
        locator.fill(text)

    def select(self, locator, value: str):
        self.count += 2
        locator.select_option(value)


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, verbosity=0)
    cohort = Cohort.objects.select_related("programme__facility").get(name="Angkatan II 2026")
    today = facility_today(cohort.programme.facility)
    session = next(s for s in cohort.sessions.all() if s.local_date == today)
    return cohort, session, today


def test_each_role_does_todays_work_on_the_fresh_demo(demo, page, sign_in, live_server):
    cohort, todays, today = demo
    clicks = {
        "petugas: daftar hadir hari ini": _petugas_records_today(page, sign_in, todays),
        "fasilitator: catatan sesi hari ini": _facilitator_writes_notes(page, sign_in, todays),
        "kepala: setujui satu evaluasi dari antrean": _kepala_approves_one(page, sign_in, cohort),
        "kepala: angkatan baru dengan jadwal 15 sesi": _kepala_creates_cohort(page, cohort, today),
        "kepala: daftarkan tiga warga binaan": _kepala_enrols_three(page),
    }
    print("\nKlik per pekerjaan:", clicks)
    assert clicks["petugas: daftar hadir hari ini"] <= 3


def _petugas_records_today(page, sign_in, todays) -> int:
    """Petugas: today's sheet from the home page, everyone present, saved."""
    sign_in(page, "petugas", PASSWORD)
    c = Clicks()
    c.click(page.get_by_test_id("home-today").get_by_role("link", name=str(todays)))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Daftar hadir")
    c.click(page.get_by_role("button", name="Semua hadir"))
    c.click(page.get_by_role("button", name="Simpan daftar hadir").first)
    expect(page.locator(".alert-success")).to_contain_text("Daftar hadir tersimpan.")
    todays.refresh_from_db()
    assert todays.attendance_recorded and todays.attendances.count() == 13
    page.context.clear_cookies()
    return c.count


def _facilitator_writes_notes(page, sign_in, todays) -> int:
    """Facilitator: today's session from the home page, then its notes."""
    sign_in(page, "fasilitator", PASSWORD)
    c = Clicks()
    c.click(page.get_by_test_id("home-upcoming").get_by_role("link", name=str(todays)).first)
    c.click(page.get_by_role("link", name="Catatan fasilitator"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Catatan fasilitator")
    c.check(page.get_by_label("Diskusi kelompok"))
    c.fill(
        page.get_by_label("Ringkasan pelaksanaan"),
        "Peserta membahas materi hari ini dan berbagi pengalaman.",
    )
    c.click(page.get_by_role("button", name="Simpan catatan"))
    expect(page.locator(".alert-success")).to_contain_text("Catatan sesi dan observasi tersimpan.")
    todays.refresh_from_db()
    assert todays.notes_written
    page.context.clear_cookies()
    return c.count


def _kepala_approves_one(page, sign_in, cohort) -> int:
    """Kepala: the approvals queue from the home page; approve, and the next one opens."""
    sign_in(page, "kepala", PASSWORD)
    c = Clicks()
    waiting_before = Evaluation.objects.filter(status=ReviewStatus.SUBMITTED).count()
    c.click(page.get_by_test_id("home-approval-queue"))
    c.select(page.get_by_label("Angkatan"), str(cohort.pk))
    c.click(page.get_by_role("button", name="Saring"))
    c.click(page.get_by_test_id("queue-row").first.get_by_role("link"))
    expect(page.get_by_test_id("attendance-rate")).to_contain_text("%")
    expect(page.get_by_test_id("trend")).to_be_visible()
    c.click(page.get_by_role("button", name="Setujui dan lanjut"))
    expect(page.locator(".alert-success")).to_contain_text("Evaluasi disetujui.")
    expect(page.get_by_test_id("status")).to_have_text("Menunggu persetujuan")
    expect(page.locator("main")).to_contain_text("Angkatan II 2026")
    assert Evaluation.objects.filter(status=ReviewStatus.SUBMITTED).count() == waiting_before - 1
    return c.count


def _kepala_creates_cohort(page, cohort, today) -> int:
    """Kepala (still signed in): Angkatan III from the curriculum."""
    c = Clicks()
    c.click(
        page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Angkatan")
    )
    c.click(page.get_by_test_id("cohort-create"))
    c.select(page.locator("#id_programme"), str(cohort.programme.pk))
    c.fill(page.get_by_label("Nama angkatan"), "Angkatan III 2026")
    start = today + dt.timedelta(days=21)
    c.fill(page.get_by_label("Tanggal mulai"), start.isoformat())
    c.fill(page.get_by_label("Tanggal selesai"), (start + dt.timedelta(days=60)).isoformat())
    c.check(page.get_by_label("Dewi Lestari (Yayasan SEKATA)"))
    c.click(page.get_by_role("button", name="Simpan dan susun jadwal"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Susun jadwal")
    c.click(page.get_by_test_id("schedule-preview"))
    expect(page.get_by_test_id("schedule-preview-table").locator("tbody tr")).to_have_count(15)
    c.click(page.get_by_test_id("schedule-confirm"))
    expect(page.locator(".alert-success")).to_contain_text("15 sesi dijadwalkan")
    assert Cohort.objects.get(name="Angkatan III 2026").sessions.count() == 15
    return c.count


def _kepala_enrols_three(page) -> int:
    """Kepala, on Angkatan III's page: three screened people enrolled in one step."""
    c = Clicks()
    c.click(page.get_by_test_id("cohort-enrol"))
    rows = page.get_by_test_id("waiting-row")
    for n in range(3):
        c.check(rows.nth(n).get_by_role("checkbox"))
    c.click(page.get_by_test_id("bulk-enrol-submit"))
    expect(page.locator(".alert-success")).to_contain_text("3 warga binaan terdaftar")
    angkatan_iii = Cohort.objects.get(name="Angkatan III 2026")
    statuses = sorted(angkatan_iii.enrollments.values_list("status", flat=True))
    assert statuses == ["active", "active", "enrolled"]
    return c.count


def test_a_new_person_goes_from_registration_to_active_in_the_guided_flow(
    demo, page, sign_in, live_server
):
    sign_in(page, "petugas", PASSWORD)
    c = Clicks()
    c.click(page.get_by_role("link", name="Warga binaan").first)
    c.click(page.get_by_role("link", name="Daftarkan warga binaan"))
    c.fill(page.get_by_label("Nama"), "Contoh Alur Terpandu")
    c.select(page.get_by_label("Jenis register"), "A.III")
    c.fill(page.get_by_label("Nomor registrasi"), "AIII.888/2026")
    c.fill(page.get_by_label("Tanggal lahir"), "1993-04-15")
    c.select(page.get_by_label("Jenis kelamin"), "M")
    c.fill(page.get_by_label("Tanggal masuk"), "2026-09-01")
    c.fill(page.get_by_label("NIK"), "6471991504930002")
    navigation = 2
    c.click(page.get_by_role("button", name="Simpan dan lanjut skrining"))
    navigation += 1
    c.check(page.get_by_label("Stimulan jenis amfetamin"))
    for q, answer in ((2, "weekly"), (3, "monthly"), (4, "once_twice"), (5, "never")):
        c.select(page.locator(f"#id_amphetamines_q{q}"), answer)
    c.select(page.locator("#id_amphetamines_q6"), "yes_earlier")
    c.select(page.locator("#id_amphetamines_q7"), "no")
    c.click(page.get_by_role("button", name="Simpan dan hitung skor"))
    c.click(page.get_by_test_id("guided-next"))
    c.fill(page.get_by_label("Saksi"), "Wali blok")
    c.click(page.get_by_role("button", name="Simpan persetujuan"))
    expect(page.get_by_test_id("guided-steps")).to_contain_text("Angkatan")
    c.click(page.get_by_test_id("bulk-enrol-submit"))
    navigation += 4
    expect(page.locator(".alert-success")).to_contain_text("1 langsung aktif")
    person = Participant.objects.get(name="Contoh Alur Terpandu")
    assert Enrollment.objects.get(participant=person).status == Enrollment.Status.ACTIVE
    print(f"\nAlur terpandu: {navigation} klik tautan/tombol, {c.count} klik termasuk isian")
    # Links and buttons only: 7 (13 before, on the participant page's separate forms).
    assert navigation <= 15
    assert Session.objects.exists()
