"""The admin creates facilities and users in bulk from a spreadsheet: preview, row errors, save."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from rutan.models import Facility
from rutan.models import User

pytestmark = pytest.mark.django_db
FACILITIES_URL = "/admin/rutan/facility/impor/"
USERS_URL = "/admin/rutan/user/impor/"

GOOD = (
    "code,name,kind,city,region,timezone\n"
    "lapas-balikpapan,Lapas Kelas IIA Balikpapan,lapas,Balikpapan,64,Asia/Makassar\n"
    "rutan-makassar,Rutan Kelas I Makassar,rutan,Makassar,73,\n"
)


def _csv(text: str, name="upt.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_it_previews_then_saves_and_reimports_as_updates(client, admin_user, regions):
    client.force_login(admin_user)
    page = client.post(FACILITIES_URL, {"file": _csv(GOOD)}).content.decode()
    assert "2 baru, 0 diperbarui" in page and not Facility.objects.exists()

    client.post(FACILITIES_URL, {"save": "1"})
    makassar = Facility.objects.get(code="rutan-makassar")
    assert makassar.region.code == "73" and makassar.timezone == "Asia/Makassar"

    client.post(FACILITIES_URL, {"file": _csv(GOOD.replace("Kelas I Makassar", "Makassar"))})
    client.post(FACILITIES_URL, {"save": "1"})
    assert Facility.objects.count() == 2
    assert Facility.objects.get(code="rutan-makassar").name == "Rutan Makassar"


def test_a_file_with_a_bad_row_saves_nothing_and_names_the_row(client, admin_user, regions):
    client.force_login(admin_user)
    bad = GOOD + "Rutan Baru!,Rutan Baru,penjara,,99,Asia/Tokyo\n"
    page = client.post(FACILITIES_URL, {"file": _csv(bad)}).content.decode()
    assert "1 baris bermasalah" in page
    for message in ("Kode hanya huruf", "Jenis &#x27;penjara&#x27;", "Kota wajib", "99", "Tokyo"):
        assert message in page, message
    client.post(FACILITIES_URL, {"save": "1"})
    assert not Facility.objects.exists()


def test_it_refuses_a_file_without_the_columns(client, admin_user):
    client.force_login(admin_user)
    response = client.post(FACILITIES_URL, {"file": _csv("nama,kota\nx,y\n")})
    assert response.status_code == 400
    assert "code, name, kind, city, region, timezone" in response.content.decode()
    response = client.post(FACILITIES_URL, {"file": _csv("x", name="upt.pdf")})
    assert "csv atau .xlsx" in response.content.decode()


def test_it_creates_users_with_roles_from_a_workbook(client, admin_user, facility, regions):
    sheet_book = Workbook()
    sheet = sheet_book.active
    sheet.append(["username", "first_name", "last_name", "email", "role", "facility", "region"])
    sheet.append(["kanwil_kaltim", "Hendra", "W", "h@pulih.invalid", "kanwil", "", "64"])
    sheet.append(["petugas_bpp2", "Budi", "S", "", "petugas", "rutan-balikpapan", ""])
    buffer = BytesIO()
    sheet_book.save(buffer)
    client.force_login(admin_user)
    upload = SimpleUploadedFile("users.xlsx", buffer.getvalue())
    page = client.post(USERS_URL, {"file": upload}).content.decode()
    assert "2 baru" in page
    client.post(USERS_URL, {"save": "1"})
    kanwil = User.objects.get(username="kanwil_kaltim")
    assert kanwil.role == "kanwil" and kanwil.region.code == "64"
    assert not kanwil.has_usable_password()
    assert User.objects.get(username="petugas_bpp2").facility == facility


def test_a_user_row_without_what_its_role_needs_is_an_error(client, admin_user, regions):
    client.force_login(admin_user)
    text = "username,first_name,last_name,email,role,facility,region\nk,K,,bukan-email,kanwil,,\n"
    page = client.post(USERS_URL, {"file": _csv(text)}).content.decode()
    assert "memerlukan kode provinsi" in page and "tidak valid" in page


def test_only_who_may_add_reaches_the_import(client, kepala):
    kepala.is_staff = True
    kepala.save(update_fields=["is_staff"])
    client.force_login(kepala)
    # The admin serves administrators only: a staff kepala is sent to the admin's sign-in.
    response = client.get(FACILITIES_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
