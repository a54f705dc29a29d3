"""An administrator registers a partner and its PKS with the signed PDF; the kepala approves it
and reads what was delivered under it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehab.models import Agreement
from rehab.models import Partner
from rutan.roles import Role
from sessions.models import Attendance
from sessions.models import Session
from tests.e2e.forms import fill_by_label
from tests.factories import PASSWORD
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import FacilityFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory
from tests.factories import pdf_bytes


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def deliver_programme(facility, partner):
    """What other pages record: a programme of this partner, 2 sessions held, 3 participants."""
    recorder = UserFactory(facility=facility, role=Role.PETUGAS)
    programme = ProgrammeFactory(
        facility=facility, partner=partner, name="Program Rehabilitasi Pemasyarakatan 2026"
    )
    cohort = CohortFactory(programme=programme, name="Angkatan I 2026")
    people = ParticipantFactory.create_batch(3, facility=facility)
    for person in people:
        EnrollmentFactory(participant=person, cohort=cohort)
    for day in (1, 2):
        session = SessionFactory(
            cohort=cohort,
            status=Session.Status.HELD,
            starts_at=timezone.now() - dt.timedelta(days=day),
        )
        for index, person in enumerate(people):
            status = (
                Attendance.Status.ABSENT if (day, index) == (1, 0) else Attendance.Status.PRESENT
            )
            AttendanceFactory(
                session=session, participant=person, status=status, recorded_by=recorder
            )
    return programme


def test_admin_registers_partner_and_pks_then_kepala_approves_it(
    page, live_server, sign_in, media, tmp_path
):
    facility = FacilityFactory(
        name="Rutan Kelas IIA Balikpapan", code="rutan-balikpapan", head_name="Agus Salim"
    )
    UserFactory(username="admin", facility=None, role=Role.ADMIN)
    UserFactory(
        username="kepala", facility=facility, role=Role.KEPALA, first_name="Agus", last_name="Salim"
    )
    _admin_registers_partner(page, sign_in)
    programme = deliver_programme(facility, Partner.objects.get(short_name="Yayasan SEKATA"))
    _admin_registers_agreement(page, tmp_path, programme, timezone.localdate())
    _kepala_approves_and_reads_deliverables(page, sign_in, programme)


def _admin_registers_partner(page, sign_in):
    """The administrator registers the partner."""
    sign_in(page, "admin", PASSWORD)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="PKS").click()
    page.get_by_role("link", name="Mitra", exact=True).click()
    page.get_by_role("link", name="Tambah mitra").click()
    fill_by_label(
        page,
        {
            "Nama organisasi": "Yayasan SEKATA (Selamatkan Anak Kita) Balikpapan",
            "Nama singkat": "Yayasan SEKATA",
            "Bentuk badan hukum": "Yayasan",
            "Kota": "Balikpapan",
            "Nama pimpinan": "Mohammad Effendi",
            "Jabatan pimpinan": "Pimpinan Yayasan SEKATA",
        },
    )
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Yayasan SEKATA (Selamatkan Anak Kita) Balikpapan"
    )


def _admin_registers_agreement(page, tmp_path, programme, today):
    """The administrator registers its PKS, first with a file that only pretends to be a PDF."""
    page.get_by_role("link", name="Daftarkan PKS dengan mitra ini").click()
    expect(page.get_by_label("Penanda tangan mitra", exact=True)).to_have_value("Mohammad Effendi")
    page.get_by_label("UPT*", exact=True).select_option(label="Rutan Kelas IIA Balikpapan")
    page.get_by_label("Nomor PKS pihak UPT").fill("W18.PAS.PAS.5-PK.01.04-0451")
    page.get_by_label("Nomor PKS pihak mitra").fill("017/YS-BPN/XI/2025")
    page.get_by_label("Tempat penandatanganan").fill("Rutan Kelas IIA Balikpapan")
    page.get_by_label("Tanggal penandatanganan").fill((today - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Penanda tangan UPT", exact=True).fill("Agus Salim")
    page.get_by_label("Berlaku sejak").fill((today - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Berlaku sampai").fill((today + dt.timedelta(days=335)).isoformat())
    page.get_by_label("Mitra menjadi penjamin program integrasi").check()
    page.get_by_label(programme.name, exact=False).check()
    fake = tmp_path / "PKS-SEKATA.pdf"
    fake.write_text("Ini dokumen Word yang diganti namanya.")
    page.get_by_label("Dokumen PKS bertanda tangan (PDF)").set_input_files(str(fake))
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    expect(page.locator("main")).to_contain_text("bukan PDF yang sah")
    expect(page.get_by_label("Nomor PKS pihak UPT")).to_have_value("W18.PAS.PAS.5-PK.01.04-0451")
    page.screenshot(path="/tmp/pulih-agreement-form-refused.png", full_page=True)

    signed = tmp_path / "PKS-SEKATA-ttd.pdf"
    signed.write_bytes(pdf_bytes(pages=2))
    page.get_by_label("Dokumen PKS bertanda tangan (PDF)").set_input_files(str(signed))
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("agreement-status").first).to_have_text("Draf")
    expect(page.get_by_test_id("agreement-scope")).to_contain_text("Evaluasi berkala")
    assert Agreement.objects.get().document_name == "PKS-SEKATA-ttd.pdf"
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Keluar").click()
    # Signed out on the sign-in page before the next person signs in (no navigation cut short).
    expect(page.locator("#id_username")).to_be_visible()


def _kepala_approves_and_reads_deliverables(page, sign_in, programme):
    """The kepala sees the draft waiting on the home page, approves it, reads the deliverables."""
    sign_in(page, "kepala", PASSWORD)
    drafts = page.get_by_test_id("home-agreements-drafts")
    expect(drafts).to_contain_text("W18.PAS.PAS.5-PK.01.04-0451")
    drafts.get_by_role("link").first.click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Setujui dan aktifkan").click()
    expect(page.locator(".alert-success")).to_contain_text("PKS disetujui")
    expect(page.get_by_test_id("agreement-status").first).to_have_text("Berlaku")
    deliverables = page.get_by_test_id("agreement-deliverables")
    expect(deliverables.get_by_test_id("sessions-held")).to_have_text("2")
    expect(deliverables.get_by_test_id("participants-served")).to_have_text("3")
    expect(deliverables.get_by_test_id("attendance-rate")).to_have_text("83,3%")
    expect(deliverables).to_contain_text(programme.name)
    expect(page.get_by_test_id("agreement-history")).to_contain_text("PKS disetujui dan diaktifkan")
    page.screenshot(path="/tmp/pulih-agreement-detail.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_test_id("agreement-download").click()
    download = download_info.value
    assert download.suggested_filename == "PKS-w18paspas5-pk0104-0451.pdf"
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="PKS").click()
    expect(page.get_by_test_id("agreement-table")).to_contain_text("Berlaku")
    page.screenshot(path="/tmp/pulih-agreement-list.png", full_page=True)
