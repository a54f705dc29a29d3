from pathlib import Path

import pytest

from rutan.roles import Role
from tests.factories import FacilityFactory
from tests.factories import ParticipantFactory
from tests.factories import UserFactory

HERE = Path(__file__).parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test in this folder drives a browser against the live server: marked e2e, with
    a transactional database so that the server's thread sees the test's rows. (Before the
    `-m` selection runs, so that `-m e2e` and `-m "not e2e"` see the mark.)"""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browser here: drive Debian's chromium.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def sign_in(live_server):
    """Sign in through the login form, as a person would."""

    def _sign_in(page, username: str, password: str):
        # A request the previous page still has in flight (the bell's count) would be answered
        # with a sign-in token of its own once cookies are cleared, replacing this form's.
        page.wait_for_load_state("networkidle")
        page.goto(f"{live_server.url}/masuk/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()

    return _sign_in


@pytest.fixture
def person(db):
    """A participant of a Balikpapan petugas who signs in as `petugas_e2e`."""
    facility = FacilityFactory(name="Rutan Kelas IIA Balikpapan", code="rutan-balikpapan")
    UserFactory(username="petugas_e2e", facility=facility, role=Role.PETUGAS)
    return ParticipantFactory(facility=facility, name="Contoh Peserta Fiktif")
