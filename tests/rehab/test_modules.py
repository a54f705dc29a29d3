"""The module library is edited from the pages; its PDF materials go out through an access check."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rehab.models import Module
from tests.factories import ModuleFactory
from tests.factories import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def module_data(**extra):
    return {
        "code": "RHB-09",
        "title": "10 Hal Berbahaya dalam Proses Recovery",
        "order": "9",
        "duration_minutes": "120",
        "objectives": "Peserta mengenali sepuluh tanda bahaya.",
        "summary": "Sepuluh faktor yang mengancam pemulihan.",
        "methods": "Diskusi kelompok, refleksi diri, contoh kasus nyata",
        "is_active": "on",
        **extra,
    }


@pytest.mark.parametrize("user_fixture", ["kepala", "admin_user"])
def test_the_kepala_and_the_admin_edit_a_module(login_as, client, user_fixture):
    module = ModuleFactory(code="RHB-09")
    login_as(user_fixture)
    response = client.post(reverse("rehab:module_edit", args=[module.pk]), module_data())
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.duration_minutes == 120
    assert module.methods.startswith("Diskusi kelompok")
    listing = client.get(reverse("rehab:module_list")).content.decode()
    assert "Peserta mengenali sepuluh tanda bahaya." in listing


@pytest.mark.parametrize("user_fixture", ["petugas", "fasilitator"])
def test_others_read_the_library_but_may_not_edit_it(login_as, client, user_fixture):
    module = ModuleFactory()
    login_as(user_fixture)
    assert client.get(reverse("rehab:module_list")).status_code == 200
    assert (
        client.post(reverse("rehab:module_edit", args=[module.pk]), module_data()).status_code
        == 403
    )
    assert client.get(reverse("rehab:module_create")).status_code == 403


def test_a_pdf_upload_is_stored_and_served_through_the_access_checked_view(
    client, kepala, fasilitator, media
):
    client.force_login(kepala)
    upload = SimpleUploadedFile("Materi RHB-09 final.pdf", pdf_bytes(), "application/pdf")
    client.post(reverse("rehab:module_create"), {**module_data(), "materials_upload": upload})
    module = Module.objects.get(code="RHB-09")
    assert module.materials_name == "Materi_RHB-09_final.pdf"
    assert "Materi" not in module.materials.name  # a random name in the storage
    client.force_login(fasilitator)
    response = client.get(reverse("rehab:module_material", args=[module.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_file_that_is_not_a_pdf_is_refused_and_the_module_kept(client, kepala):
    module = ModuleFactory(code="RHB-09", title="Judul lama")
    client.force_login(kepala)
    upload = SimpleUploadedFile("materi.pdf", b"bukan pdf" * 100, "application/pdf")
    response = client.post(
        reverse("rehab:module_edit", args=[module.pk]),
        {**module_data(), "materials_upload": upload},
    )
    assert response.status_code == 200
    assert "bukan PDF yang sah" in response.content.decode()
    module.refresh_from_db()
    assert module.title == "Judul lama" and not module.materials


def test_anonymous_visitors_get_no_materials(client):
    module = ModuleFactory()
    module.materials.save("m.pdf", ContentFile(pdf_bytes()), save=True)
    response = client.get(reverse("rehab:module_material", args=[module.pk]))
    assert response.status_code == 302 and "next=" in response.url
