import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pypdf import PdfReader

from rehab.documents import inspect_pdf
from rehab.models import Agreement
from rehab.models import AgreementScopeItem
from rehab.models import Programme

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_balikpapan_pks_and_a_samarinda_one_ending_soon(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    pks = Agreement.objects.select_related("facility", "partner", "approved_by").get(
        facility__code="rutan-balikpapan"
    )
    assert pks.signed_on == dt.date(2025, 11, 5)
    assert pks.facility_signatory == "Agus Salim" and pks.partner_signatory == "Mohammad Effendi"
    assert pks.partner.name == "Yayasan SEKATA (Selamatkan Anak Kita) Balikpapan"
    assert "Nomor 22 Tahun 2022 tentang Pemasyarakatan" in pks.legal_basis
    assert pks.guarantees_integration and pks.approved_by.username == "kepala"
    assert set(pks.scope_items.values_list("kind", flat=True)) == {
        AgreementScopeItem.Kind.TECHNICAL_GUIDANCE,
        AgreementScopeItem.Kind.ACCOMPANIMENT,
        AgreementScopeItem.Kind.EVALUATION,
    }
    assert pks.status_on(dt.date(2026, 11, 22)) == Agreement.Status.ACTIVE
    # The 2025 programme and the 2026 one (Angkatan II) both run under the same PKS.
    linked = Programme.objects.filter(facility=pks.facility).values_list("agreement", flat=True)
    assert set(linked) == {pks.pk}

    samarinda = Agreement.objects.get(facility__code="rutan-samarinda")
    assert samarinda.status == Agreement.Status.EXPIRING
    assert samarinda.partner.short_name == "Yayasan Harapan Baru"
    assert Programme.objects.get(facility=samarinda.facility).agreement == samarinda

    # Idempotent: two runs, two agreements, two stored documents, each a real PDF.
    assert Agreement.objects.count() == 2
    files = sorted((tmp_path / "agreements").iterdir())
    assert len(files) == 2
    for path in files:
        info = inspect_pdf(SimpleUploadedFile(path.name, path.read_bytes()))
        assert info.pages == 1
        assert "CONTOH — dokumen demo" in PdfReader(path).pages[0].extract_text()
