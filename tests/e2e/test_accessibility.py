"""axe-core on the key pages of every role, on the fresh demo: no critical or serious violation.

One browser, one sign-in per role. axe-core comes with axe-playwright-python (no CDN).
"""

from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from aftercare.models import Handover
from participants.models import Participant
from rehab.models import Agreement
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import ReviewStatus
from rutan.roles import Role
from sessions.selectors import facility_today
from tests import factories
from tests.factories import FacilityFactory
from tests.factories import UserFactory

PASSWORD = "pulih-demo"
BLOCKING = {"critical", "serious"}


def key_pages() -> dict[str, list[str]]:
    """Per demo user, the pages they work on every day (None: signed out)."""
    cohort = Cohort.objects.select_related("programme__facility").get(name="Angkatan II 2026")
    facility = cohort.programme.facility
    today = facility_today(facility)
    todays = next(s for s in cohort.sessions.all() if s.local_date == today)
    person = cohort.enrollments.order_by("pk").first().participant
    waiting = Evaluation.objects.filter(
        status=ReviewStatus.SUBMITTED, enrollment__cohort=cohort
    ).first()
    agreement = Agreement.objects.filter(facility=facility).order_by("pk").first()
    handover = Handover.objects.order_by("pk").first()
    assert Participant.objects.filter(pk=person.pk, facility=facility).exists()
    month = {"facility_code": facility.code, "year": today.year, "month": today.month}
    return {
        None: [reverse("login")],
        "petugas": [
            reverse("home"),
            reverse("participants:list"),
            reverse("participants:detail", args=[person.pk]),
            reverse("sessions:attendance", args=[todays.pk]),
            reverse("sessions:list"),
            reverse("sessions:month"),
            reverse("rehab:cohort_detail", args=[cohort.pk]),
        ],
        "fasilitator": [
            reverse("home"),
            reverse("sessions:notes", args=[todays.pk]),
            reverse("sessions:detail", args=[todays.pk]),
        ],
        "kepala": [
            reverse("home"),
            reverse("rehab:approval_queue"),
            reverse("rehab:evaluation_detail", args=[waiting.pk]),
            reverse("rehab:cohort_list"),
            reverse("rehab:cohort_create"),
            reverse("rehab:agreement_list"),
            reverse("rehab:agreement_detail", args=[agreement.pk]),
            reverse("rehab:dashboard"),
            reverse("rehab:report_monthly", kwargs=month),
        ],
        "admin": [reverse("home"), reverse("rehab:module_list"), reverse("rehab:programme_list")],
        "kanwil": [reverse("home"), reverse("rehab:oversight")],
        "pusat": [reverse("home")],
        "bapas": [
            reverse("home"),
            reverse("aftercare:list"),
            reverse("aftercare:detail", args=[handover.pk]),
        ],
    }


def test_key_pages_of_every_role_have_no_serious_accessibility_violation(
    page, sign_in, live_server
):
    call_command("seed_demo", force=True, verbosity=0)
    axe = Axe()
    blocking, minor, checked = {}, {}, 0
    for username, paths in key_pages().items():
        page.context.clear_cookies()
        if username:
            sign_in(page, username, PASSWORD)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (username, path)
            violations = axe.run(page).response["violations"]
            checked += 1
            for violation in violations:
                where = blocking if violation["impact"] in BLOCKING else minor
                found = (
                    f"{violation['impact']} {violation['id']}: {violation['nodes'][0]['target']}"
                )
                where.setdefault(f"{username or 'tamu'} {path}", []).append(found)
    print(f"\naxe-core: {checked} halaman; ringan/sedang: {minor}")
    assert checked >= 15
    assert blocking == {}


def test_a_refused_form_and_its_error_summary_have_no_serious_violation(page, sign_in, live_server):
    UserFactory(username="petugas_a11y", facility=FacilityFactory(), role=Role.PETUGAS)
    sign_in(page, "petugas_a11y", factories.PASSWORD)
    page.goto(live_server.url + reverse("participants:create"))
    page.get_by_role("button", name="Simpan", exact=True).click()
    assert page.get_by_test_id("error-summary").is_visible()
    violations = Axe().run(page).response["violations"]
    blocking = [
        f"{v['impact']} {v['id']}: {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert blocking == []
