"""The attendance sheet and the notes form as people use them: by keyboard, on a 1024 px laptop,
a 390 px phone and a 768 px tablet, in colours everyone can read (WCAG AA, 4.5:1 for text)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from rutan.roles import Role
from sessions.models import Attendance
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.e2e.layout import overlapping_controls
from tests.e2e.layout import text_contrast
from tests.e2e.scenes import cohort_running
from tests.factories import PASSWORD
from tests.factories import FacilityFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory

NAMES = ["Muhammad Rizky Pratama Saputra", "Bayu Anggara", "Yohanes Kristianto Wibisono", "Ali"]
STATUSES = ["present", "late", "excused", "sick", "court", "absent"]
AA_TEXT = 4.5


@pytest.fixture
def sheets():
    """Today's session of a cohort of four (still to record) and one a month ago (recorded)."""
    facility = FacilityFactory(timezone="Asia/Makassar")
    petugas = UserFactory(username="petugas_harian", facility=facility, role=Role.PETUGAS)
    UserFactory(username="kepala_harian", facility=facility, role=Role.KEPALA)
    cohort, people = cohort_running(facility, NAMES)
    fasilitator = UserFactory(
        username="fasilitator_harian",
        facility=None,
        partner=cohort.programme.partner,
        role=Role.FASILITATOR,
    )
    cohort.facilitators.add(fasilitator)
    now = timezone.now()
    todays = SessionFactory(
        cohort=cohort, starts_at=now - dt.timedelta(hours=2), ends_at=now - dt.timedelta(hours=1)
    )
    todays.facilitators.add(fasilitator)
    old = SessionFactory(
        cohort=cohort,
        starts_at=now - dt.timedelta(days=30),
        ends_at=now - dt.timedelta(days=30, hours=-2),
    )
    attendance_record(
        session=old,
        entries={p.pk: AttendanceEntry("present") for p in people},
        version=0,
        by=petugas,
    )
    return todays, old, people


def open_sheet(page, live_server, sign_in, session, username="petugas_harian"):
    sign_in(page, username, PASSWORD)
    page.goto(live_server.url + reverse("sessions:attendance", args=[session.pk]))


def test_semua_hadir_is_two_key_presses_from_page_load(page, live_server, sign_in, sheets):
    todays, old, people = sheets
    open_sheet(page, live_server, sign_in, todays)
    page.keyboard.press("Tab")
    skip = page.get_by_test_id("skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_text("Langsung ke daftar hadir")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Semua hadir")).to_be_focused()
    # The third press does the work; the next Tab goes on into the first row.
    page.keyboard.press("Enter")
    expect(page.locator("[data-count=present]")).to_have_text(str(len(people)))
    page.keyboard.press("Tab")
    focused_row = page.evaluate("document.activeElement.closest('[data-testid=attendance-row]')")
    assert focused_row is not None


def test_status_colours_pass_wcag_aa_in_every_state(page, live_server, sign_in, sheets):
    todays, old, people = sheets
    open_sheet(page, live_server, sign_in, todays)
    row = page.get_by_test_id("attendance-row").first
    ratios = {}
    for code in STATUSES:
        label = row.locator(f"label[for$='-{code}']")
        ratios[f"{code}, belum dipilih"] = text_contrast(label)
    for code in STATUSES:
        label = row.locator(f"label[for$='-{code}']")
        label.click()
        page.mouse.move(0, 0)  # read the chosen state, not the hover state
        page.wait_for_timeout(400)  # after Bootstrap's .15 s colour transition
        ratios[f"{code}, dipilih"] = text_contrast(label)
        # The focused row is shaded: the unchosen labels keep their contrast on it.
        other = row.locator(f"label[for$='-{STATUSES[STATUSES.index(code) - 1]}']")
        ratios[f"{STATUSES[STATUSES.index(code) - 1]}, di baris aktif"] = text_contrast(other)
    badges = page.get_by_test_id("sheet-counts").locator(".badge")
    for n in range(badges.count()):
        ratios[f"hitungan {badges.nth(n).inner_text()}"] = text_contrast(badges.nth(n))
    print("\nKontras status:", {k: round(v, 2) for k, v in ratios.items()})
    assert {k: round(v, 2) for k, v in ratios.items() if v < AA_TEXT} == {}


@pytest.mark.parametrize("width", [1024, 390])
def test_the_sheet_fits_a_laptop_and_a_phone(page, live_server, sign_in, sheets, width, tmp_path):
    todays, old, people = sheets
    page.set_viewport_size({"width": width, "height": 800})
    open_sheet(page, live_server, sign_in, todays)
    page.screenshot(path=str(tmp_path / f"sheet-{width}.png"), full_page=True)
    if width >= 1024:
        # The menu is open, not behind the hamburger.
        navigation = page.get_by_role("navigation", name="Navigasi utama")
        expect(navigation.get_by_role("link", name="Sesi")).to_be_visible()
        expect(navigation.get_by_role("button", name="Buka menu")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    rows = page.get_by_test_id("attendance-row")
    expect(rows).to_have_count(len(people))
    for n in range(len(people)):
        labels = rows.nth(n).locator(".status-group label")
        boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
        assert len(boxes) == len(STATUSES)
        # One line of statuses per person, none past the edge of the screen.
        assert max(b["y"] for b in boxes) - min(b["y"] for b in boxes) < 2, NAMES[n]
        assert max(b["x"] + b["width"] for b in boxes) <= width
        assert min(b["width"] for b in boxes) >= 44 and min(b["height"] for b in boxes) >= 44
    assert overlapping_controls(page, "[data-testid=attendance-row]") == []


def test_the_correction_reason_sits_beside_the_one_save_button(page, live_server, sign_in, sheets):
    todays, old, people = sheets
    page.set_viewport_size({"width": 1024, "height": 700})
    open_sheet(page, live_server, sign_in, old, username="kepala_harian")
    save = page.get_by_role("button", name="Simpan daftar hadir")
    expect(save).to_have_count(1)
    reason = page.get_by_label("Alasan perubahan")
    bar = page.get_by_test_id("save-bar")
    # Both in view as the page opens, in the same bar, side by side.
    expect(bar.get_by_role("button", name="Simpan daftar hadir")).to_be_in_viewport()
    expect(bar.get_by_label("Alasan perubahan")).to_be_in_viewport()
    field, button = reason.bounding_box(), save.bounding_box()
    assert (
        field["y"] < button["y"] + button["height"] and button["y"] < field["y"] + field["height"]
    )
    assert 0 < button["x"] - (field["x"] + field["width"]) < 40

    row = page.locator(f"[data-testid=attendance-row][data-participant='{NAMES[1]}']")
    row.get_by_text("Sakit", exact=True).click()
    row.get_by_role("combobox").fill("Demam")
    save.click()
    expect(page.get_by_test_id("sheet-errors")).to_contain_text(
        "Tulis alasan perubahan di samping tombol simpan."
    )
    expect(page.get_by_label("Alasan perubahan")).to_be_in_viewport()
    page.get_by_label("Alasan perubahan").fill("Salah catat, surat dokter menyusul")
    page.get_by_role("button", name="Simpan daftar hadir").click()
    expect(page.locator(".alert-success")).to_contain_text("Daftar hadir tersimpan.")
    record = Attendance.history.filter(participant=people[1], history_type="~").get()
    assert record.status == "sick"
    assert record.history_change_reason == "Salah catat, surat dokter menyusul"


@pytest.mark.parametrize("width", [768, 1024])
def test_the_notes_form_has_no_overlapping_controls_on_a_tablet(
    page, live_server, sign_in, sheets, width, tmp_path
):
    todays, old, people = sheets
    page.set_viewport_size({"width": width, "height": 1024})
    sign_in(page, "fasilitator_harian", PASSWORD)
    page.goto(live_server.url + reverse("sessions:notes", args=[todays.pk]))
    expect(page.get_by_test_id("observation-row")).to_have_count(len(people))
    page.screenshot(path=str(tmp_path / f"notes-{width}.png"), full_page=True)
    assert overlapping_controls(page, "main form") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
