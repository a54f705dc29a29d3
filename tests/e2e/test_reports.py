"""In the browser: the kepala approves an evaluation, then downloads November's report."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rehab.models import Evaluation
from rutan.roles import Role
from sessions.models import Session
from tests.factories import PASSWORD
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import FacilityFactory
from tests.factories import ParticipantFactory
from tests.factories import PartnerFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory
from tests.pdf_checks import pdf_pages


@pytest.fixture
def november():
    facility = FacilityFactory(
        name="Rutan Kelas IIA Balikpapan",
        code="rutan-balikpapan",
        city="Balikpapan",
        head_name="Agus Salim",
    )
    partner = PartnerFactory(name="Yayasan SEKATA", short_name="SEKATA")
    UserFactory(
        username="kepala", first_name="Agus", last_name="Salim", facility=facility, role=Role.KEPALA
    )
    author = UserFactory(username="dewi", facility=None, partner=partner, role=Role.FASILITATOR)
    cohort = CohortFactory(
        name="Angkatan I 2025", programme=ProgrammeFactory(facility=facility, partner=partner)
    )
    people = [
        ParticipantFactory(facility=facility, name=name)
        for name in ("Rudi Setiawan", "Yusuf Hamdani", "Anto Wibowo")
    ]
    enrollments = [EnrollmentFactory(participant=p, cohort=cohort) for p in people]
    start = dt.datetime(2025, 11, 19, 9, 0, tzinfo=ZoneInfo("Asia/Makassar"))
    session = SessionFactory(
        cohort=cohort,
        title="10 Hal Berbahaya dalam Proses Recovery",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status=Session.Status.HELD,
    )
    for person in people:
        AttendanceFactory(session=session, participant=person)
    for enrollment in enrollments:
        EvaluationFactory(enrollment=enrollment, author=author, relapse_risks=["boredom"])
    return facility


def test_the_kepala_approves_an_evaluation_and_downloads_the_november_report(
    november, page, sign_in, live_server, tmp_path
):
    sign_in(page, "kepala", PASSWORD)
    expect(page.get_by_test_id("home-evaluations-waiting")).to_have_text("3")
    page.get_by_role("link", name="Antrean persetujuan").click()
    page.get_by_role("link", name="Rudi Setiawan").click()
    expect(page.get_by_test_id("status")).to_have_text("Menunggu persetujuan")
    expect(page.get_by_test_id("attendance-rate")).to_have_text("100%")
    page.get_by_label("Catatan kepala").fill("Perkembangan baik, lanjutkan.")
    page.get_by_role("button", name="Setujui dan lanjut").click()
    expect(page.locator(".alert-success")).to_contain_text("Evaluasi disetujui.")
    # The next evaluation waiting opens at once; Rudi's is approved and left the queue.
    expect(page.get_by_test_id("status")).to_have_text("Menunggu persetujuan")
    page.get_by_test_id("back-to-queue").click()
    expect(page.get_by_test_id("queue-row")).to_have_count(2)
    expect(page.get_by_test_id("approval-queue")).not_to_contain_text("Rudi Setiawan")
    rudi = Evaluation.objects.get(enrollment__participant__name="Rudi Setiawan")
    page.goto(live_server.url + reverse("rehab:evaluation_detail", args=[rudi.pk]))
    expect(page.get_by_test_id("status")).to_have_text("Disetujui")
    expect(page.get_by_test_id("history")).to_contain_text("Agus Salim")
    page.screenshot(path=str(tmp_path / "evaluation.png"), full_page=True)

    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Laporan"
    ).click()
    page.get_by_label("Bulan", exact=False).and_(page.locator("input")).fill("2025-11")
    page.get_by_role("button", name="Tampilkan laporan").click()
    expect(page.get_by_test_id("report-month")).to_have_text("November 2025")
    expect(page.get_by_test_id("report-table-ringkasan")).to_contain_text(
        "Evaluasi peserta disetujui kepala"
    )
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_test_id("download-pdf").click()
    download = download_info.value
    assert download.suggested_filename == "laporan-bulanan-rutan-balikpapan-2025-11.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    text = " ".join(pdf_pages(pdf.read_bytes()))
    assert "Bulan November 2025" in text
    assert "Evaluasi peserta disetujui kepala 1" in text
    assert "Agus Salim" in text

    page.goto(f"{live_server.url}/program/dasbor/?per=2025-11-30")
    expect(page.get_by_test_id("kpi-attendance")).to_have_text("100,0%")
    page.screenshot(path="/tmp/pulih-reports-dashboard.png", full_page=True)
