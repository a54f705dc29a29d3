"""The signed PKS document: only real PDFs up to 10 MB are stored, and only in-scope users get it."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rehab.models import Agreement
from rutan.models import AuditEvent
from tests.factories import AgreementFactory
from tests.factories import FacilityFactory
from tests.factories import UserFactory
from tests.factories import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def stored_files(media) -> list:
    folder = media / "agreements"
    return sorted(folder.iterdir()) if folder.exists() else []


def form_data(facility, partner, **extra) -> dict:
    return {
        "facility": facility.pk,
        "partner": partner.pk,
        "facility_number": "W18.PAS.PAS.99/PKS/2026",
        "partner_number": "099/SKT/2026",
        "title": "PKS Program Rehabilitasi Uji",
        "signed_place": "Balikpapan",
        "signed_on": "2026-01-05",
        "facility_signatory": "Agus Salim",
        "facility_signatory_title": "Kepala Rutan",
        "partner_signatory": "Mohammad Effendi",
        "partner_signatory_title": "Pimpinan Yayasan",
        "valid_from": "2026-01-05",
        "valid_until": "2027-01-04",
        "scope_standard": ["guidance", "accompaniment"],
        "scope_other": "Pelatihan keterampilan",
        "legal_basis": "UU No. 22 Tahun 2022",
        **extra,
    }


def post_with_document(client, facility, partner, upload):
    return client.post(
        reverse("rehab:agreement_create"), form_data(facility, partner, document=upload)
    )


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("pks.pdf", b"Ini surat biasa, bukan PDF.\n" * 50, "bukan PDF yang sah"),
        ("foto.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "bukan PDF yang sah"),
        ("potong.pdf", pdf_bytes()[:-200], "bukan PDF yang sah"),
        ("palsu.pdf", b"%PDF-1.7\nbukan isi pdf sama sekali\n%%EOF\n", "bukan PDF yang sah"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_it_refuses_what_is_not_a_pdf_and_stores_nothing(
    client, admin_user, facility, partner, media, name, content, message
):
    client.force_login(admin_user)
    response = post_with_document(
        client, facility, partner, SimpleUploadedFile(name, content, "application/pdf")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Data belum tersimpan" in page
    # What was typed comes back, so nothing has to be entered twice.
    assert 'value="W18.PAS.PAS.99/PKS/2026"' in page and "Pelatihan keterampilan" in page
    assert not Agreement.objects.exists()
    assert stored_files(media) == []


def test_it_refuses_a_pdf_over_10_mb(client, admin_user, facility, partner, media):
    client.force_login(admin_user)
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF\n"
    response = post_with_document(
        client, facility, partner, SimpleUploadedFile("besar.pdf", big, "application/pdf")
    )
    assert "terlalu besar" in response.content.decode()
    assert "10,0" in response.content.decode() or "10.0" in response.content.decode()
    assert not Agreement.objects.exists() and stored_files(media) == []


def test_it_stores_a_real_pdf_under_a_random_name(client, admin_user, facility, partner, media):
    client.force_login(admin_user)
    content = pdf_bytes(pages=2)
    response = post_with_document(
        client,
        facility,
        partner,
        SimpleUploadedFile("PKS SEKATA bertanda tangan.pdf", content, "application/octet-stream"),
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert agreement.document_name == "PKS_SEKATA_bertanda_tangan.pdf"
    assert agreement.document_size == len(content)
    files = stored_files(media)
    assert len(files) == 1 and files[0].read_bytes() == content
    assert "SEKATA" not in files[0].name
    assert [item.description for item in agreement.scope_items.all()] == [
        "Bimbingan teknis dan materi tentang NAPZA",
        "Pendampingan terhadap warga binaan peserta program rehabilitasi",
        "Pelatihan keterampilan",
    ]


def test_replacing_the_document_keeps_the_old_file_for_history(
    client, admin_user, facility, partner, media
):
    agreement = AgreementFactory(facility=facility, partner=partner)
    agreement.document.save("a.pdf", ContentFile(pdf_bytes()), save=True)
    old_name = agreement.document.name
    client.force_login(admin_user)
    data = form_data(facility, partner, facility_number=agreement.facility_number)
    data["document"] = SimpleUploadedFile("baru.pdf", pdf_bytes(pages=3))
    response = client.post(reverse("rehab:agreement_edit", args=[agreement.pk]), data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.document.name != old_name
    assert len(stored_files(media)) == 2
    assert agreement.history.filter(document=old_name).exists()


@pytest.fixture
def agreement_with_document(facility, partner):
    agreement = AgreementFactory(facility=facility, partner=partner)
    agreement.document.save("a.pdf", ContentFile(pdf_bytes()), save=True)
    return agreement


def test_it_serves_the_document_as_an_attachment(client, kepala, agreement_with_document):
    client.force_login(kepala)
    response = client.get(reverse("rehab:agreement_document", args=[agreement_with_document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="PKS-' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AuditEvent.objects.filter(
        user=kepala, action="agreement.download_document", object_id=str(agreement_with_document.pk)
    ).exists()


def test_a_facilitator_of_the_partner_may_download_it(client, fasilitator, agreement_with_document):
    client.force_login(fasilitator)
    url = reverse("rehab:agreement_document", args=[agreement_with_document.pk])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("user_fixture", ["fasilitator_other", "petugas_other"])
def test_out_of_scope_users_get_404_or_403(login_as, client, user_fixture, agreement_with_document):
    login_as(user_fixture)
    url = reverse("rehab:agreement_document", args=[agreement_with_document.pk])
    # A facilitator of another partner: 404; petugas hold no agreement role at all: 403.
    assert client.get(url).status_code == (404 if user_fixture == "fasilitator_other" else 403)


def test_a_kepala_of_another_facility_gets_404(client, agreement_with_document):
    other_kepala = UserFactory(facility=FacilityFactory(), role="kepala")
    client.force_login(other_kepala)
    url = reverse("rehab:agreement_document", args=[agreement_with_document.pk])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, agreement_with_document):
    url = reverse("rehab:agreement_document", args=[agreement_with_document.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_media_files_have_no_public_url(client, kepala, agreement_with_document, settings):
    client.force_login(kepala)
    response = client.get(settings.MEDIA_URL + agreement_with_document.document.name)
    assert response.status_code == 404


def test_an_agreement_without_document_answers_404(client, kepala, facility, partner):
    agreement = AgreementFactory(facility=facility, partner=partner)
    client.force_login(kepala)
    assert client.get(reverse("rehab:agreement_document", args=[agreement.pk])).status_code == 404
