"""Request bodies are refused from their declared size, before anything reads them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def post_declaring(client, url, size: int, content_type="application/x-www-form-urlencoded"):
    """POST a tiny body that claims `size` bytes: reading it would fail loudly (FakePayload)."""
    return client.generic("POST", url, b"a=1", content_type=content_type, CONTENT_LENGTH=str(size))


def test_an_anonymous_300_mb_post_to_the_sign_in_page_gets_413_unread(client):
    response = post_declaring(client, reverse("login"), 300 * MB)
    assert response.status_code == 413
    text = response.content.decode()
    assert "Data yang dikirim terlalu besar" in text and "300,0" in text and "2,0" in text


def test_an_ordinary_form_keeps_working_under_the_limit(client, petugas):
    client.force_login(petugas)
    response = client.post(reverse("participants:create"), {"name": ""})
    assert response.status_code == 200


def test_the_import_accepts_more_than_a_form_but_not_a_200_mb_file(client, petugas):
    client.force_login(petugas)
    url = reverse("participants:import")
    multipart = "multipart/form-data; boundary=xyz"
    assert post_declaring(client, url, 200 * MB, multipart).status_code == 413
    refused = post_declaring(client, url, 6 * MB, multipart)
    assert refused.status_code == 413 and "5,5" in refused.content.decode()


def test_the_agreement_upload_has_its_own_larger_limit(client, kepala):
    client.force_login(kepala)
    url = reverse("rehab:agreement_create")
    multipart = "multipart/form-data; boundary=xyz"
    assert post_declaring(client, url, 11 * MB, multipart).status_code == 413
    response = client.post(url, {})  # within the limit: the form answers, listing its errors
    assert response.status_code == 200
