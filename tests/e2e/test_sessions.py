import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import Enrollment
from rehab.models import Cohort
from rutan.models import User
from sessions.models import Attendance
from sessions.models import Session
from sessions.selectors import session_roster
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory

NAMES = [
    "Andi Saputra", "Bayu Pratama", "Candra Wijaya", "Dedi Kurniawan", "Eko Prasetyo",
    "Fajar Nugroho", "Gilang Ramadhan", "Hendra Gunawan", "Irfan Hakim", "Joko Susilo",
    "Lukman Hakim", "Rahmat Hidayat",
]  # fmt: skip


@pytest.fixture
def demo():
    """The demo scenario, with 12 fictional participants in Balikpapan's Angkatan I 2025."""
    call_command("seed_demo", force=True, verbosity=0)
    cohort = Cohort.objects.get(name="Angkatan I 2025")
    for i, name in enumerate(NAMES):
        EnrollmentFactory(
            cohort=cohort,
            participant=ParticipantFactory(
                facility=cohort.programme.facility,
                name=f"{name} (fiktif)",
                registration_number=f"AII.{200 + i}/2025",
            ),
            status=Enrollment.Status.ACTIVE,
        )
    # Run again, as a site does after adding people: earlier sessions get their attendance.
    call_command("seed_demo", force=True, verbosity=0)
    return cohort


def demo_session(code: str) -> Session:
    return Session.objects.get(cohort__name="Angkatan I 2025", module__code=code, kind="regular")


def unrecorded(code: str) -> Session:
    """A demo session as if its sheet were still to fill: the demo records all 15."""
    session = demo_session(code)
    session.attendances.all().delete()
    Session.objects.filter(pk=session.pk).update(
        attendance_version=0, status=Session.Status.PLANNED
    )
    session.refresh_from_db()
    return session


def row(page, name: str):
    return page.locator(f"[data-testid=attendance-row][data-participant='{name} (fiktif)']")


def test_a_petugas_records_a_demo_session_all_present_but_two(demo, page, sign_in, tmp_path):
    unrecorded("RHB-13")
    page.set_viewport_size({"width": 1024, "height": 768})
    sign_in(page, "petugas", "pulih-demo")
    # 3 December is still to record: it is listed on the home page.
    page.get_by_test_id("home-to-record").get_by_role(
        "link", name="Keterampilan hidup dan kesiapan kerja"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Daftar hadir")
    # Everyone of the demo's cohort on that date, the 12 added here among them.
    size = session_roster(demo_session("RHB-13")).count()
    assert size >= 12
    expect(page.get_by_test_id("attendance-row")).to_have_count(size)
    page.screenshot(path=str(tmp_path / "sheet-1024.png"), full_page=False)

    page.get_by_role("button", name="Semua hadir").click()
    expect(page.locator("[data-count=present]")).to_have_text(str(size))
    row(page, "Dedi Kurniawan").get_by_text("Sakit", exact=True).click()
    # The keyboard alone: from "Hadir", arrow left wraps round to "Alpa".
    row(page, "Irfan Hakim").locator("input[value=present]").focus()
    page.keyboard.press("ArrowLeft")
    expect(row(page, "Irfan Hakim").locator("input[value=absent]")).to_be_checked()

    # A sick participant needs a reason: nothing is lost when it is missing.
    page.get_by_role("button", name="Simpan daftar hadir").first.click()
    expect(page.get_by_test_id("sheet-errors")).to_contain_text("Belum ada yang disimpan")
    # With its status chosen, the reason field offers common reasons (a combobox).
    reason = row(page, "Dedi Kurniawan").get_by_role("combobox")
    expect(row(page, "Dedi Kurniawan")).to_contain_text(
        "Keterangan wajib diisi untuk izin, sakit, atau sidang."
    )
    expect(row(page, "Irfan Hakim").locator("input[value=absent]")).to_be_checked()
    reason.fill("Demam, istirahat di klinik rutan")
    page.screenshot(path=str(tmp_path / "sheet-error.png"), full_page=True)
    page.get_by_role("button", name="Simpan daftar hadir").first.click()

    expect(page.locator(".alert-success")).to_contain_text("Daftar hadir tersimpan.")
    counts = page.get_by_test_id("attendance-counts")
    expect(counts).to_contain_text(f"Hadir {size - 2}")
    expect(counts).to_contain_text("Sakit 1")
    expect(counts).to_contain_text("Alpa 1")
    session = demo_session("RHB-13")
    assert session.attendances.count() == size and session.status == Session.Status.HELD
    page.screenshot(path=str(tmp_path / "session-detail.png"), full_page=True)


def test_a_facilitator_writes_notes_and_observations(demo, page, sign_in, live_server, tmp_path):
    session = demo_session("RHB-08")
    # The home lists the eight newest sessions still without notes. From 09:00 WITA today's
    # session of the 2026 cohort is one of them and would push RHB-08 off the list: its notes
    # are taken as written, so the test reads the same at any hour.
    Session.objects.filter(cohort__name="Angkatan II 2026", starts_at__lt=timezone.now()).update(
        notes_at=timezone.now()
    )
    sign_in(page, "fasilitator", "pulih-demo")
    page.get_by_test_id("home-notes-due").get_by_role(
        "link", name="Keluarga dan dukungan sosial dalam pemulihan"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Catatan fasilitator")
    page.get_by_label("Diskusi kelompok").check()
    page.get_by_label("Bermain peran").check()
    page.get_by_label("Ringkasan pelaksanaan").fill(
        "Peserta memetakan orang-orang yang mendukung pemulihan mereka."
    )
    page.get_by_label("Tindak lanjut").fill("Menulis surat untuk keluarga.")
    # Only those who came get a score: take the first two recorded as present.
    came = list(
        session.attendances.filter(
            status__in=Attendance.ATTENDED, participant__name__endswith="(fiktif)"
        )
        .order_by("participant__name")
        .values_list("participant__name", flat=True)[:2]
    )
    first = page.locator(f"[data-testid=observation-row][data-participant='{came[0]}']")
    first.get_by_text("5", exact=True).click()
    first.get_by_role("textbox").fill("Bercerita tentang dukungan ibunya")
    second = page.locator(f"[data-testid=observation-row][data-participant='{came[1]}']")
    second.get_by_text("3", exact=True).click()
    page.screenshot(path=str(tmp_path / "notes.png"), full_page=True)
    page.get_by_role("button", name="Simpan catatan").click()

    expect(page.locator(".alert-success")).to_contain_text("Catatan sesi dan observasi tersimpan.")
    expect(page.locator("main")).to_contain_text("Diskusi kelompok, Bermain peran")
    observations = {
        o.participant.name: o for o in session.observations.select_related("participant")
    }
    assert observations[came[0]].engagement == 5
    assert observations[came[0]].remark == "Bercerita tentang dukungan ibunya"
    assert observations[came[1]].engagement == 3


def test_a_facilitator_of_the_other_partner_cannot_open_them(demo, page, sign_in, live_server):
    session = demo_session("RHB-09")
    sign_in(page, "fasilitator_b", "pulih-demo")
    for path in (f"/sesi/{session.pk}/catatan/", f"/sesi/{session.pk}/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")


def test_the_second_saver_sees_the_conflict_and_can_take_the_saved_value(
    demo, page, sign_in, live_server, tmp_path
):
    # Today, so that the petugas may still change the sheet after the colleague saved it.
    session = unrecorded("RHB-14")
    today = session.facility_today()
    session.starts_at = dt.datetime.combine(today, dt.time(9), tzinfo=session.zone)
    session.ends_at = dt.datetime.combine(today, dt.time(11), tzinfo=session.zone)
    session.save()
    page.set_viewport_size({"width": 1024, "height": 768})
    sign_in(page, "petugas", "pulih-demo")
    page.goto(f"{live_server.url}/sesi/{session.pk}/kehadiran/")
    page.get_by_role("button", name="Semua hadir").click()
    # Meanwhile a colleague saves the same sheet with one participant at court.
    people = list(session_roster(session))
    entries = {p.pk: AttendanceEntry("present") for p in people}
    entries[people[2].pk] = AttendanceEntry("court", "Sidang PN Balikpapan")
    attendance_record(
        session=session, entries=entries, version=0, by=User.objects.get(username="admin")
    )
    page.get_by_role("button", name="Simpan daftar hadir").first.click()

    conflict = page.get_by_test_id("conflict")
    expect(conflict).to_contain_text("baru saja diubah orang lain")
    expect(conflict).to_contain_text("Sidang PN Balikpapan")
    page.screenshot(path=str(tmp_path / "conflict.png"), full_page=False)
    conflict.get_by_role("button", name="Pakai nilai tersimpan").click()
    page.get_by_role("button", name="Simpan daftar hadir").first.click()
    expect(page.locator(".alert-success")).to_contain_text("Daftar hadir tersimpan.")
    assert session.attendances.get(participant=people[2]).status == "court"
