import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from rutan.models import User

DEMO = [
    ("petugas", "Warga binaan"),
    ("fasilitator", "Sesi 7 hari ke depan"),
    ("kepala", "Warga binaan"),
    ("admin", "Admin"),
]


@pytest.fixture
def demo(settings):
    call_command("seed_demo", force=True, verbosity=0)


@pytest.mark.parametrize("username,visible", DEMO)
def test_each_demo_role_signs_in_and_sees_its_home(
    demo, page, sign_in, username, visible, live_server, tmp_path
):
    sign_in(page, username, "pulih-demo")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    expect(page.locator("body")).to_contain_text(visible)
    page.screenshot(path=str(tmp_path / f"home-{username}.png"), full_page=True)
    # Sign out through the menu: logout is a POST form.
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(f"{live_server.url}/masuk/")


def test_a_wrong_password_shows_an_indonesian_message(demo, page, sign_in):
    sign_in(page, "petugas", "bukan-kata-sandinya")
    expect(page.locator("main form")).to_contain_text("Nama pengguna atau kata sandi salah.")


@pytest.mark.parametrize("width", [992, 1024, 1280, 1440])
def test_the_longest_menu_fits_the_screen(demo, page, sign_in, width, tmp_path):
    # The kepala has the most pages in the menu; a long name and role sit beside them.
    User.objects.filter(username="kepala").update(
        first_name="Muhammad Abdurrahman", last_name="Wicaksono Putra"
    )
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, "kepala", "pulih-demo")
    page.screenshot(path=str(tmp_path / f"menu-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    menu = page.get_by_test_id("user-menu")
    expect(menu).to_be_visible()
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
