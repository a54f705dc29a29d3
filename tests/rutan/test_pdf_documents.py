"""Every PDF Pulih prints is an office document: one letterhead, a number that stays, page
numbers, signatories with their NIP, the partner's co-signature under an agreement, RAHASIA
on what is confidential, and only the fonts vendored under static/fonts."""

import datetime as dt

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from participants.models import Certificate
from participants.models import Enrollment
from rehab.demo_agreements import SCOPE
from rehab.demo_agreements import demo_pdf
from rehab.models import Programme
from rutan.document_numbers import document_number
from rutan.models import DocumentNumber
from rutan.nip import nip_problem
from rutan.pdf import PdfResourceRefused
from rutan.pdf import _fetcher
from tests.factories import AgreementFactory
from tests.factories import AttendanceFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.factories import UserFactory
from tests.pdf_checks import assert_office_document
from tests.pdf_checks import keep_pages_as_png
from tests.pdf_checks import pdf_pages
from tests.rehab.reports_fixture import build_known_month
from tests.rehab.reports_fixture import session as held_session
from tests.rehab.reports_fixture import wita
from tests.rehab.test_reports_dossier import proposal  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db
HEAD_NIP = "197805122003121001"
REGION_LINE = "KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN KALIMANTAN TIMUR"
FACILITY_LINES = [
    REGION_LINE,
    "RUTAN KELAS IIA BALIKPAPAN",
    "Jl. Jenderal Sudirman No. 1, Balikpapan",
    "Telepon (0542) 123456 · Pos-el rutan.bpp@contoh.go.id",
]


@pytest.fixture
def office(facility, kepala):
    """Balikpapan with its address and contact, and its head's account with a NIP."""
    facility.city = "Balikpapan"
    facility.head_name = "Agus Salim"
    facility.address = "Jl. Jenderal Sudirman No. 1, Balikpapan"
    facility.phone = "(0542) 123456"
    facility.email = "rutan.bpp@contoh.go.id"
    facility.save()
    kepala.first_name, kepala.last_name, kepala.nip = "Agus", "Salim", HEAD_NIP
    kepala.save()
    return facility


def number_of(kind: str) -> str:
    return DocumentNumber.objects.get(kind=kind).number


def test_the_monthly_report_is_numbered_and_signed_by_the_head_and_the_partner(
    client, kepala, office, other_facility
):
    build_known_month(office, other_facility)
    programme = Programme.objects.filter(facility=office).select_related("partner").first()
    AgreementFactory(
        facility=office,
        partner=programme.partner,
        partner_signatory="Mohammad Effendi",
        partner_signatory_title="Pimpinan Yayasan SEKATA",
        approved_at=timezone.now(),
    )
    client.force_login(kepala)
    url = reverse("rehab:report_monthly_pdf", args=[office.code, 2025, 11])

    pdf = client.get(url).content

    number = number_of(DocumentNumber.Kind.MONTHLY_REPORT)
    today = timezone.localdate()
    assert number.startswith("001/LB/RUTAN-BALIKPAPAN/")
    assert number.endswith(f"/{today.year}")
    pages = assert_office_document(pdf, issuer_lines=FACILITY_LINES, number=number)
    keep_pages_as_png(pdf, "monthly-report")
    signatures = pages[-1]
    assert "Mitra pelaksana, Pimpinan Yayasan SEKATA," in signatures
    assert "Mohammad Effendi" in signatures
    assert "Kepala Rutan Kelas IIA Balikpapan," in signatures
    assert f"Agus Salim NIP. {HEAD_NIP}" in signatures


def test_the_dossier_is_rahasia_on_every_page_and_keeps_its_number(
    client,
    kepala,
    office,
    proposal,  # noqa: F811
):
    client.force_login(kepala)
    url = reverse("rehab:dossier_pdf", args=[proposal.pk])

    first = client.get(url).content
    again = client.get(url).content

    number = number_of(DocumentNumber.Kind.TPP_DOSSIER)
    pages = assert_office_document(first, issuer_lines=FACILITY_LINES, number=number)
    assert number in pdf_pages(again)[0]
    assert DocumentNumber.objects.count() == 1
    keep_pages_as_png(first, "dossier")
    assert len(pages) >= 2
    for page in pages:
        assert page.count("RAHASIA") == 2  # top and bottom of the page
    # The head's caption wraps in its third of the width: "Kepala Rutan Kelas IIA / Balikpapan,".
    for caption in ("Fasilitator,", "Penjamin,", "Mengetahui,", "Kepala Rutan Kelas IIA"):
        assert caption in pages[-1], caption
    assert "Dewi Lestari Mohammad Effendi Agus Salim" in pages[-1]
    assert f"NIP. {HEAD_NIP}" in pages[-1]


def test_the_regional_recap_carries_the_kanwil_letterhead_and_its_officer(client, kanwil, office):
    kanwil.first_name, kanwil.last_name, kanwil.position = "Hendra", "Wijaya", "Analis"
    kanwil.nip = "198102142006041002"
    kanwil.save()
    client.force_login(kanwil)

    pdf = client.get(reverse("rehab:recap_pdf", args=["64", "2025-11"])).content

    number = number_of(DocumentNumber.Kind.RECAP)
    assert number.startswith("001/REKAP/KANWIL-64/")
    pages = assert_office_document(pdf, issuer_lines=[REGION_LINE], number=number)
    keep_pages_as_png(pdf, "recap")
    assert "RUTAN" not in pages[0].split("REKAP PP")[0]  # no facility in a Kanwil's letterhead
    assert "Disusun oleh, Analis," in pages[-1]
    assert "Hendra Wijaya NIP. 198102142006041002" in pages[-1]


def test_the_certificate_is_signed_by_the_partner_and_the_head(client, kepala, office, partner):
    partner.leader_name, partner.leader_title = "Mohammad Effendi", "Pimpinan Yayasan SEKATA"
    partner.save()
    enrollment = EnrollmentFactory(
        participant__facility=office,
        cohort__programme__facility=office,
        cohort__programme__partner=partner,
        status=Enrollment.Status.COMPLETED,
    )
    client.force_login(kepala)
    client.post(reverse("participants:certificate_create", args=[enrollment.pk]))
    certificate = Certificate.objects.get()

    pdf = client.get(reverse("participants:certificate_pdf", args=[certificate.pk])).content

    pages = assert_office_document(pdf, issuer_lines=FACILITY_LINES, number=certificate.number)
    keep_pages_as_png(pdf, "certificate")
    assert "Pimpinan Yayasan SEKATA, Kepala Rutan Kelas IIA Balikpapan," in pages[-1]
    assert "Mohammad Effendi Agus Salim" in pages[-1]
    assert f"NIP. {HEAD_NIP}" in pages[-1]
    assert "RAHASIA" not in pages[0]


def test_the_subject_access_export_is_rahasia_and_signed_by_who_made_it(client, kepala, office):
    participant = ParticipantFactory(facility=office, name="Budi Hartono")
    client.force_login(kepala)

    pdf = client.get(reverse("participants:subject_access", args=[participant.pk, "pdf"])).content

    number = number_of(DocumentNumber.Kind.SUBJECT_ACCESS)
    pages = assert_office_document(pdf, issuer_lines=FACILITY_LINES, number=number)
    assert all(page.count("RAHASIA") == 2 for page in pages)
    assert f"Agus Salim NIP. {HEAD_NIP}" in pages[-1]


def test_every_page_of_the_daftar_hadir_has_the_letterhead_and_number(
    client, petugas, office, partner
):
    fasilitator = UserFactory(
        facility=None, partner=partner, first_name="Dewi", last_name="Lestari"
    )
    enrollment = EnrollmentFactory(
        participant__facility=office,
        cohort__programme__facility=office,
        cohort__programme__partner=partner,
        status=Enrollment.Status.ACTIVE,
        activated_on=dt.date(2025, 11, 1),
    )
    session = held_session(enrollment.cohort, wita(2025, 11, 19, 9, 0))
    session.facilitators.add(fasilitator)
    for _n in range(20):  # two pages
        other = EnrollmentFactory(
            participant__facility=office,
            cohort=enrollment.cohort,
            status=Enrollment.Status.ACTIVE,
            activated_on=dt.date(2025, 11, 1),
        )
        AttendanceFactory(session=session, participant=other.participant, status="present")
    client.force_login(petugas)

    pdf = client.get(reverse("sessions:attendance_pdf", args=[session.pk])).content

    number = number_of(DocumentNumber.Kind.ATTENDANCE)
    pages = assert_office_document(pdf, issuer_lines=FACILITY_LINES, number=number)
    keep_pages_as_png(pdf, "daftar-hadir")
    assert len(pages) == 2
    assert all(REGION_LINE in page and "DAFTAR HADIR" in page for page in pages)
    assert "Dewi Lestari" in pages[-1] and f"Agus Salim NIP. {HEAD_NIP}" in pages[-1]


def test_the_demo_agreement_is_signed_by_both_parties(office, partner):
    agreement = AgreementFactory(
        facility=office,
        partner=partner,
        facility_number="W.18.PAS.PAS.5-PK.01.04-0451",
        partner_number="017/YS-BPN/XI/2025",
        facility_signatory="Agus Salim",
        facility_signatory_title="Kepala Rutan Kelas IIA Balikpapan",
        partner_signatory="Mohammad Effendi",
        partner_signatory_title="Pimpinan Yayasan SEKATA",
    )

    pdf = demo_pdf(agreement, SCOPE)

    pages = assert_office_document(
        pdf, issuer_lines=FACILITY_LINES, number="W.18.PAS.PAS.5-PK.01.04-0451"
    )
    keep_pages_as_png(pdf, "agreement-demo")
    assert "017/YS-BPN/XI/2025" in pages[0]
    text = " ".join(pages)
    for caption in ("Pihak Pertama,", "Pihak Kedua,", "Kepala Rutan Kelas IIA Balikpapan,"):
        assert caption in text, caption
    assert "Pimpinan Yayasan SEKATA," in text
    assert f"Agus Salim Mohammad Effendi NIP. {HEAD_NIP}" in text


def test_numbers_run_per_issuer_kind_and_year_and_stay_with_their_subject(db):
    kind = DocumentNumber.Kind.MONTHLY_REPORT
    day = dt.date(2026, 3, 10)

    def number(issuer, subject, on=day):
        return document_number(issuer=issuer, kind=kind, subject=subject, on=on)

    assert number("RUTAN-A", "month:2026-01") == "001/LB/RUTAN-A/III/2026"
    assert number("RUTAN-A", "month:2026-02") == "002/LB/RUTAN-A/III/2026"
    assert number("RUTAN-B", "month:2026-01") == "001/LB/RUTAN-B/III/2026"
    # Printed again later: the number it was given.
    assert number("RUTAN-A", "month:2026-01", dt.date(2027, 1, 5)) == "001/LB/RUTAN-A/III/2026"
    # A new year starts a new run.
    assert number("RUTAN-A", "month:2026-12", dt.date(2027, 1, 5)) == "001/LB/RUTAN-A/I/2027"
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentNumber.objects.create(
            issuer="RUTAN-A",
            kind=kind,
            year=2026,
            sequence=1,
            subject="x",
            number="dup",
            issued_on=day,
        )


def test_a_pdf_fetches_nothing_but_inline_data_and_static_files():
    fetcher = _fetcher()
    for url in ("http://127.0.0.1:9/logo.png", "file:///etc/passwd", "ftp://x/y"):
        with pytest.raises(PdfResourceRefused):
            fetcher.fetch(url)
    font = finders.find("fonts/noto-sans/noto-sans-latin-400-normal.woff")
    response = fetcher.fetch(f"file://{font}")
    assert response is not None


@pytest.mark.parametrize(
    "nip,error",
    [
        ("19780512200312100", "18 angka"),
        ("1978051220031210O1", "18 angka"),
        ("197802312003121001", "tanggal lahir"),
        ("197805122003131001", "bulan pengangkatan"),
        ("197805122003123001", "laki-laki"),
    ],
)
def test_a_nip_is_checked_before_it_is_printed(nip, error):
    user = UserFactory(nip="")
    user.nip = nip
    with pytest.raises(ValidationError) as raised:
        user.full_clean()
    assert error in str(raised.value.message_dict["nip"])


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    birth=st.dates(dt.date(1950, 1, 1), dt.date(2005, 12, 31)),
    month=st.integers(1, 12),
    year=st.integers(1975, 2026),
    sex=st.sampled_from("12"),
    sequence=st.integers(1, 999),
)
def test_any_nip_of_the_bkn_structure_is_accepted(birth, month, year, sex, sequence):
    assert nip_problem(f"{birth:%Y%m%d}{year}{month:02d}{sex}{sequence:03d}") is None


def test_a_nip_belongs_to_one_account(kepala):
    kepala.nip = HEAD_NIP
    kepala.full_clean()
    kepala.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(nip=HEAD_NIP)


def test_the_admin_edits_the_nip_and_the_facility_contact(client, admin_user, kepala):
    client.force_login(admin_user)
    page = client.get(reverse("admin:rutan_user_change", args=[kepala.pk])).content.decode()
    assert 'name="nip"' in page
    facility_page = client.get(reverse("admin:rutan_facility_change", args=[kepala.facility_id]))
    assert 'name="phone"' in facility_page.content.decode()
    assert 'name="email"' in facility_page.content.decode()
