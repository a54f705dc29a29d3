from playwright.sync_api import expect

from rutan.roles import Role
from tests.factories import PASSWORD
from tests.factories import FacilityFactory
from tests.factories import UserFactory


def test_the_summary_takes_focus_and_its_link_focuses_the_field(page, live_server, sign_in):
    facility = FacilityFactory(code="rutan-balikpapan")
    UserFactory(username="petugas_err", facility=facility, role=Role.PETUGAS)
    sign_in(page, "petugas_err", PASSWORD)
    page.goto(f"{live_server.url}/peserta/baru/")
    page.locator("#id_nik").fill("12")
    page.get_by_role("button", name="Simpan", exact=True).click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="NIK", exact=False).click()
    expect(page.locator("#id_nik")).to_be_focused()
