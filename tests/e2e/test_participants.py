import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import Enrollment
from participants.models import Participant
from rutan.models import AuditEvent
from rutan.roles import Role
from tests.e2e.forms import fill_by_label
from tests.factories import PASSWORD
from tests.factories import CohortFactory
from tests.factories import FacilityFactory
from tests.factories import ProgrammeFactory
from tests.factories import UserFactory
from tests.participants.import_files import row
from tests.participants.import_files import xlsx_bytes

SHOTS = "/tmp/pulih-participants"


@pytest.fixture
def petugas(db):
    facility = FacilityFactory(name="Rutan Kelas IIA Balikpapan", code="rutan-balikpapan")
    today = timezone.localdate()
    CohortFactory(
        programme=ProgrammeFactory(facility=facility),
        name="Angkatan II",
        start_date=today - dt.timedelta(days=3),
        end_date=today + dt.timedelta(days=30),
    )
    return UserFactory(username="petugas_e2e", facility=facility, role=Role.PETUGAS)


def _register(page):
    page.get_by_role("link", name="Warga binaan").first.click()
    page.get_by_role("link", name="Daftarkan warga binaan").click()
    fill_by_label(
        page,
        {
            "Nama": "Contoh Peserta Fiktif",
            "Jenis register": "A.III",
            "Nomor registrasi": "AIII.777/2025",
            "Tanggal lahir": "1992-03-14",
            "Jenis kelamin": "M",
            "Tanggal masuk": "2025-08-01",
            "NIK": "6471 9903 1492 0001",
        },
    )
    page.screenshot(path=f"{SHOTS}-form.png", full_page=True)
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_test_id("participant-name")).to_have_text("Contoh Peserta Fiktif")
    expect(page.get_by_test_id("nik")).not_to_contain_text("6471")


def _screen_with_assist(page):
    """Only the substance ticked in question 1 unfolds its questions."""
    page.get_by_role("link", name="Skrining ASSIST").click()
    form = page.get_by_test_id("assist-form")
    amphetamines = form.locator('[data-assist-substance="amphetamines"]')
    expect(amphetamines).to_be_hidden()
    page.get_by_label("Stimulan jenis amfetamin").check()
    expect(amphetamines).to_be_visible()
    answers = {
        "q2": "daily",
        "q3": "daily",
        "q4": "weekly",
        "q5": "weekly",
        "q6": "yes_past_3m",
        "q7": "yes_past_3m",
    }
    for question, answer in answers.items():
        page.locator(f"#id_amphetamines_{question}").select_option(answer)
    page.screenshot(path=f"{SHOTS}-assist.png", full_page=True)
    page.get_by_role("button", name="Simpan dan hitung skor").click()
    results = page.get_by_test_id("screening-results")
    expect(results.locator('[data-substance="amphetamines"]')).to_contain_text("37")
    expect(page.get_by_test_id("screening-summary")).to_contain_text("Rehabilitasi dan rujukan")
    page.screenshot(path=f"{SHOTS}-assist-result.png", full_page=True)


def _consent_and_enrol(page):
    """Consent, then the cohort: screened → enrolled → active."""
    page.get_by_role("link", name="Kembali ke halaman warga binaan").click()
    page.get_by_role("link", name="Catat persetujuan").click()
    page.get_by_label("Saksi").fill("Wali blok")
    page.get_by_role("button", name="Simpan persetujuan").click()
    expect(page.get_by_test_id("consent")).to_contain_text("Wali blok")
    page.get_by_role("button", name="Catat", exact=True).click()
    enrollment = page.get_by_test_id("enrollment")
    expect(enrollment).to_contain_text("Diskrining")
    enrollment.get_by_role("link", name="Daftarkan").click()
    page.get_by_role("button", name="Daftarkan").click()
    page.get_by_test_id("enrollment").get_by_role("link", name="Aktifkan").click()
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_test_id("enrollment")).to_contain_text("Aktif")
    expect(page.get_by_test_id("timeline")).to_contain_text("Angkatan II: Aktif")


def test_a_petugas_registers_screens_and_enrols_a_participant(page, live_server, sign_in, petugas):
    sign_in(page, "petugas_e2e", PASSWORD)
    _register(page)
    _screen_with_assist(page)
    _consent_and_enrol(page)

    page.get_by_test_id("reveal").click()
    expect(page.get_by_test_id("nik")).to_have_text("6471990314920001")
    page.screenshot(path=f"{SHOTS}-detail.png", full_page=True)

    participant = Participant.objects.get()
    assert Enrollment.objects.get(participant=participant).status == Enrollment.Status.ACTIVE
    assert AuditEvent.objects.filter(user=petugas, action="participant.view_sensitive").count() == 1


def test_a_petugas_imports_an_sdp_export_after_a_preview(
    page, live_server, sign_in, petugas, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    upload = tmp_path / "sdp.xlsx"
    upload.write_bytes(
        xlsx_bytes([row(n) for n in range(1, 31)] + [row(99, nik="12")], title_rows=1)
    )
    sign_in(page, "petugas_e2e", PASSWORD)
    page.goto(f"{live_server.url}/peserta/impor/")
    page.get_by_label("Berkas CSV atau Excel").set_input_files(str(upload))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_test_id("count-errors")).to_have_text("1")
    expect(page.get_by_test_id("import-errors")).to_contain_text("16 angka")
    page.screenshot(path=f"{SHOTS}-import-errors.png", full_page=True)
    assert not Participant.objects.exists()

    upload.write_bytes(xlsx_bytes([row(n) for n in range(1, 31)], title_rows=1))
    page.goto(f"{live_server.url}/peserta/impor/")
    page.get_by_label("Berkas CSV atau Excel").set_input_files(str(upload))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_test_id("count-create")).to_have_text("30")
    page.screenshot(path=f"{SHOTS}-import-preview.png", full_page=True)
    page.get_by_role("button", name="Simpan semua").click()
    expect(page.locator(".alert-success")).to_contain_text("30 warga binaan baru")
    expect(page.get_by_test_id("list-total")).to_contain_text("dari 30 warga binaan")
    page.screenshot(path=f"{SHOTS}-list.png", full_page=True)
    assert Participant.objects.count() == 30
