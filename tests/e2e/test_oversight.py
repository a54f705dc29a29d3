"""In the browser: the Kanwil signs in, reads the regional dashboard, drills into Balikpapan,
and downloads the regional PP 25/2011 recap for November 2025."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from rutan.models import Region
from rutan.reference_data import regions_import
from rutan.roles import Role
from sessions.models import Session
from tests.factories import PASSWORD
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import FacilityFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory
from tests.pdf_checks import pdf_pages


@pytest.fixture
def kaltim():
    if not Region.objects.exists():  # a transactional test before this one flushed them
        regions_import(region_model=Region)
    region = Region.objects.get(code="64")
    balikpapan = FacilityFactory(
        name="Rutan Kelas IIA Balikpapan", code="rutan-balikpapan", region=region
    )
    FacilityFactory(name="Rutan Kelas IIA Samarinda", code="rutan-samarinda", region=region)
    FacilityFactory(
        name="Lapas Narkotika Kelas IIA Jakarta",
        code="lapas-narkotika-jakarta",
        region=Region.objects.get(code="31"),
        timezone="Asia/Jakarta",
    )
    UserFactory(username="kanwil", facility=None, region=region, role=Role.KANWIL)
    cohort = CohortFactory(programme=ProgrammeFactory(facility=balikpapan))
    people = [
        ParticipantFactory(facility=balikpapan, name=name, primary_substance="amphetamines")
        for name in ("Rudi Setiawan", "Yusuf Hamdani", "Anto Wibowo")
    ]
    for person in people:
        EnrollmentFactory(participant=person, cohort=cohort, activated_on=dt.date(2025, 11, 3))
    start = dt.datetime(2025, 11, 19, 9, 0, tzinfo=ZoneInfo("Asia/Makassar"))
    session = SessionFactory(
        cohort=cohort,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status=Session.Status.HELD,
    )
    for person in people:
        AttendanceFactory(session=session, participant=person)
    return balikpapan


def test_the_kanwil_reads_its_region_and_downloads_the_recap(page, live_server, sign_in, kaltim):
    sign_in(page, "kanwil", PASSWORD)
    page.get_by_test_id("home-oversight").click()
    expect(page.get_by_test_id("oversight-scope")).to_contain_text("Kanwil Kalimantan Timur")

    page.get_by_role("textbox", name="Periode").fill("2025-11")
    page.get_by_role("button", name="Tampilkan").click()
    row = page.get_by_test_id("row-rutan-balikpapan")
    expect(row).to_contain_text("100,0")  # three of three present
    expect(page.get_by_test_id("row-rutan-samarinda")).to_be_visible()
    expect(page.get_by_test_id("row-lapas-narkotika-jakarta")).to_have_count(0)
    expect(page.get_by_test_id("oversight-total")).to_contain_text("Jumlah (2 UPT)")

    page.get_by_test_id("drill-rutan-balikpapan").click()
    expect(page.get_by_role("heading", name="Dasbor program rehabilitasi")).to_be_visible()
    expect(page.get_by_text("Rutan Kelas IIA Balikpapan").first).to_be_visible()
    page.go_back()

    page.get_by_test_id("open-recap").click()
    expect(page.get_by_test_id("recap-period")).to_have_text("November 2025")
    with page.expect_download() as download_info:
        page.get_by_test_id("recap-pdf").click()
    download = download_info.value
    assert download.suggested_filename == "rekap-pp25-64-2025-11.pdf"
    text = " ".join(pdf_pages(download.path().read_bytes()))
    assert "KANTOR WILAYAH" in text and "KALIMANTAN TIMUR" in text and "Amfetamin" in text
    assert "Rudi Setiawan" not in text
