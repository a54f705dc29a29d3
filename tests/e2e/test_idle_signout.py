"""Idle sign-out never loses a form: warning, "Tetap masuk", and the form restored after sign-in."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rutan.roles import Role
from tests.factories import PASSWORD
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import FacilityFactory
from tests.factories import PartnerFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory

IDLE_SECONDS = 9  # the warning shows 3 s before the end


@pytest.fixture
def notes_url(live_server, settings):
    """A session held today, its facilitator, and the URL of its notes form."""
    settings.SESSION_COOKIE_AGE = IDLE_SECONDS
    facility = FacilityFactory(name="Rutan Kelas IIA Balikpapan", timezone="Asia/Makassar")
    partner = PartnerFactory(name="Yayasan SEKATA")
    UserFactory(username="fasilitator", facility=None, partner=partner, role=Role.FASILITATOR)
    cohort = CohortFactory(programme=ProgrammeFactory(facility=facility, partner=partner))
    EnrollmentFactory(
        cohort=cohort, participant__facility=facility, participant__name="Andi (fiktif)"
    )
    now = timezone.now()
    session = SessionFactory(cohort=cohort, starts_at=now, ends_at=now + dt.timedelta(hours=1))
    return f"{live_server.url}/sesi/{session.pk}/catatan/"


def _sign_in_here(page):
    page.locator("#id_username").fill("fasilitator")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def test_it_warns_before_the_idle_timeout_and_tetap_masuk_keeps_the_session(page, notes_url):
    page.goto(notes_url)
    _sign_in_here(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Catatan fasilitator")
    warning = page.get_by_test_id("idle-warning")
    expect(warning).to_be_visible(timeout=IDLE_SECONDS * 1000)
    expect(warning).to_contain_text("Anda akan keluar otomatis")
    page.get_by_role("button", name="Tetap masuk").click()
    expect(warning).to_be_hidden()
    # Past the first deadline, still signed in.
    page.wait_for_timeout(4000)
    assert "/masuk/" not in page.url
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Catatan fasilitator")


def test_a_form_typed_before_the_session_ran_out_comes_back_after_signing_in(page, notes_url):
    page.goto(notes_url)
    _sign_in_here(page)
    page.get_by_label("Ringkasan pelaksanaan").fill("Peserta memetakan pemicu relapse.")
    page.get_by_label("Diskusi kelompok").check()
    row = page.locator("[data-testid=observation-row][data-participant='Andi (fiktif)']")
    row.get_by_text("4", exact=True).click()
    row.get_by_role("textbox").fill("Bercerita tentang ibunya")

    # Nobody touches the page: the session ends and the page goes to the sign-in form.
    expect(page).to_have_url(re.compile("/masuk/"), timeout=(IDLE_SECONDS + 8) * 1000)
    _sign_in_here(page)

    assert page.url == notes_url
    expect(page.get_by_test_id("draft-restored")).to_contain_text("telah dipulihkan")
    expect(page.get_by_label("Ringkasan pelaksanaan")).to_have_value(
        "Peserta memetakan pemicu relapse."
    )
    expect(page.get_by_label("Diskusi kelompok")).to_be_checked()
    expect(row.get_by_role("textbox")).to_have_value("Bercerita tentang ibunya")
    expect(row.locator("input[value='4']")).to_be_checked()
    # The password never went into the browser's storage.
    stored = page.evaluate("JSON.stringify(Object.entries(sessionStorage))")
    assert PASSWORD not in stored
