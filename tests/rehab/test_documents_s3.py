"""PKS documents in a shared S3 bucket: stored there, served only through the checked view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rehab.models import Agreement
from tests.factories import AgreementFactory
from tests.factories import pdf_bytes
from tests.rehab.test_agreements_documents import form_data

pytestmark = pytest.mark.django_db


def test_an_uploaded_document_lives_in_the_bucket_and_downloads_from_it(
    client, admin_user, kepala, facility, partner, s3_storage, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # nothing may land on local disk
    content = pdf_bytes(pages=2)
    client.force_login(admin_user)
    data = form_data(facility, partner, document=SimpleUploadedFile("PKS.pdf", content))
    response = client.post(reverse("rehab:agreement_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    agreement = Agreement.objects.get()
    assert s3_storage.exists(agreement.document.name)
    assert list(tmp_path.iterdir()) == []

    client.force_login(kepala)
    download = client.get(reverse("rehab:agreement_document", args=[agreement.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith("attachment")


def test_a_document_missing_from_the_bucket_answers_404(client, kepala, facility, s3_storage):
    agreement = AgreementFactory(facility=facility, document="agreements/gone.pdf")
    client.force_login(kepala)
    response = client.get(reverse("rehab:agreement_document", args=[agreement.pk]))
    assert response.status_code == 404
