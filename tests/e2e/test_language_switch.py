"""In the browser: switching to English in the middle of a form keeps what was typed."""

from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_switching_the_language_mid_form_keeps_what_was_typed(page, live_server, sign_in, person):
    sign_in(page, "petugas_e2e", PASSWORD)
    url = f"{live_server.url}/peserta/{person.pk}/sidang/baru/"
    page.goto(url)
    page.locator("#id_hearing_date").fill("2026-12-10")
    page.locator("#id_court").fill("Pengadilan Negeri Balikpapan")
    page.locator("#id_agenda").fill("Pembacaan tuntutan")

    page.get_by_test_id("language-switch").get_by_role("button", name="EN").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Record a court hearing")
    assert page.url == url
    expect(page.get_by_test_id("draft-restored")).to_be_visible()
    expect(page.locator("#id_court")).to_have_value("Pengadilan Negeri Balikpapan")
    expect(page.locator("#id_agenda")).to_have_value("Pembacaan tuntutan")
    expect(page.locator("#id_hearing_date")).to_have_value("2026-12-10")
