"""In the browser: a second click on "Simpan" while the first request is on its way sends
nothing, so the person lands on the saved record rather than on the server's "already saved"."""

from playwright.sync_api import expect

from participants.models import CourtHearing
from tests.factories import PASSWORD


def test_a_second_click_while_saving_sends_nothing(page, live_server, sign_in, person):
    sign_in(page, "petugas_e2e", PASSWORD)
    page.goto(f"{live_server.url}/peserta/{person.pk}/sidang/baru/")
    page.locator("#id_hearing_date").fill("2026-12-10")
    page.locator("#id_court").fill("Pengadilan Negeri Balikpapan")
    # A slow connection: the second click comes before the first answer.
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 800, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    page.evaluate(
        """() => {
        const save = document.querySelector("main form button[type=submit]");
        save.click();
        setTimeout(() => save.click(), 150);
    }"""
    )
    expect(page.get_by_text("Jadwal sidang disimpan.")).to_be_visible()
    assert len(posts) == 1
    assert CourtHearing.objects.count() == 1
