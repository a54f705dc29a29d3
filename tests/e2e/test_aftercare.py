"""A release walked through the handover to the Bapas and its first follow-up, in a browser."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from aftercare.models import FollowUp
from participants.models import Enrollment
from rutan.dates import facility_today
from rutan.models import BapasOffice
from rutan.roles import Role
from tests.factories import PASSWORD
from tests.factories import EnrollmentFactory
from tests.factories import FacilityFactory
from tests.factories import UserFactory

SHOTS = "/tmp/pulih-aftercare"


@pytest.fixture
def people(db):
    facility = FacilityFactory(name="Rutan Kelas IIA Balikpapan", code="rutan-balikpapan")
    office = BapasOffice.objects.create(name="Bapas Kelas II Balikpapan")
    office.facilities.add(facility)
    enrollment = EnrollmentFactory(
        participant__facility=facility,
        participant__name="Rudi Hartono",
        cohort__programme__facility=facility,
        status=Enrollment.Status.ACTIVE,
    )
    UserFactory(username="petugas_e2e", facility=facility, role=Role.PETUGAS)
    UserFactory(username="kepala_e2e", facility=facility, role=Role.KEPALA)
    UserFactory(username="bapas_e2e", facility=None, bapas_office=office, role=Role.BAPAS)
    return enrollment, facility_today(facility)


def test_a_release_reaches_the_bapas_and_its_first_follow_up(page, live_server, sign_in, people):
    enrollment, today = people
    released_on = today - dt.timedelta(days=35)  # the 1-month contact is due by now

    sign_in(page, "petugas_e2e", PASSWORD)
    page.get_by_role("link", name="Warga binaan").first.click()
    page.get_by_role("link", name="Rudi Hartono").click()
    page.get_by_role("link", name="Catat bebas").click()
    page.get_by_label("Tanggal").fill(released_on.isoformat())
    page.get_by_label("Alasan").fill("Bebas murni, masa pidana habis")
    page.get_by_role("button", name="Catat bebas").click()
    expect(page.get_by_text("Status di")).to_contain_text("Bebas")
    page.context.clear_cookies()

    sign_in(page, "kepala_e2e", PASSWORD)
    page.goto(f"{live_server.url}/peserta/{enrollment.participant_id}/")
    page.get_by_role("link", name="Serahkan ke Bapas").click()
    page.locator("#id_bapas_office").select_option(label="Bapas Kelas II Balikpapan")
    page.get_by_label("Dasar keluar").select_option("release")
    page.get_by_label("Tanggal serah terima").fill(released_on.isoformat())
    page.get_by_label("Rekomendasi untuk Bapas").fill("Dampingi mencari kerja")
    page.get_by_role("button", name="Serahkan").click()
    expect(page.get_by_text("Warga binaan diserahkan ke Bapas.")).to_be_visible()
    page.screenshot(path=f"{SHOTS}-packet.png", full_page=True)
    page.context.clear_cookies()

    sign_in(page, "bapas_e2e", PASSWORD)
    due = page.get_by_test_id("home-follow-ups-due")
    expect(due).to_contain_text("Rudi Hartono")
    expect(due).to_contain_text("1 bulan")
    page.screenshot(path=f"{SHOTS}-bapas-home.png", full_page=True)
    due.get_by_role("link", name="Rudi Hartono").click()
    expect(page.get_by_text("Dampingi mencari kerja")).to_be_visible()
    page.get_by_label("Tahap").select_option(label="1 bulan")
    page.get_by_label("Tanggal kontak").fill(today.isoformat())
    page.get_by_label("Pemakaian zat").select_option("none")
    page.get_by_label("Pekerjaan/sekolah").select_option("work")
    page.get_by_label("Catatan").fill("Bekerja di bengkel las")
    page.get_by_role("button", name="Simpan kontak").click()
    expect(page.get_by_text("Kontak tindak lanjut disimpan.")).to_be_visible()
    page.screenshot(path=f"{SHOTS}-follow-up.png", full_page=True)

    contact = FollowUp.objects.get()
    assert (contact.milestone, contact.reached, contact.substance_use, contact.activity) == (
        1,
        True,
        "none",
        "work",
    )
    assert contact.handover.participant_id == enrollment.participant_id
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("home-follow-ups-due")).to_have_count(0)
