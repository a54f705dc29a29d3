"""Court days from an SDP sheet: preview with row errors in Indonesian, all or nothing."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from aftercare import hearing_import
from participants.models import CourtHearing
from participants.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

URL = reverse("aftercare:hearing_import")


def csv_upload(text: str, name="sidang.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("sidang.xlsx", buffer.getvalue())


@pytest.fixture
def people(facility, other_facility):
    ParticipantFactory(facility=other_facility, registration_number="BI.9/2026", name="Lain UPT")
    return [
        ParticipantFactory(facility=facility, registration_number="AII.1/2026", name="Andi"),
        ParticipantFactory(facility=facility, registration_number="AII.2/2026", name="Budi"),
    ]


def test_a_clean_sheet_previews_then_saves_every_hearing(client, login, petugas, people):
    CourtHearing.objects.create(
        participant=people[1],
        hearing_date=dt.date(2026, 1, 20),
        court="PN Balikpapan",
        recorded_by=petugas,
    )
    sheet = xlsx_upload(
        [
            ["DAFTAR SIDANG RUTAN BALIKPAPAN"],
            ["No. Registrasi", "Tanggal Sidang", "Pengadilan", "Agenda"],
            ["AII.1/2026", dt.datetime(2026, 1, 15), "PN Balikpapan", "Pembacaan dakwaan"],
            ["AII.2/2026", "20-01-2026", "PN Balikpapan", None],
            ["AII.2/2026", "2026-02-03", "PN Balikpapan", "Tuntutan"],
        ]
    )
    login(petugas)
    preview = client.post(URL, {"file": sheet})
    html = preview.content.decode()
    assert "3 baris dibaca: 2 baru, 1 sudah tercatat, 0 salah." in html
    assert not CourtHearing.objects.filter(hearing_date=dt.date(2026, 1, 15)).exists()

    response = client.post(reverse("aftercare:hearing_import_commit"))
    assert response.status_code == 302
    assert sorted(
        CourtHearing.objects.values_list("participant__name", "hearing_date", "agenda")
    ) == [
        ("Andi", dt.date(2026, 1, 15), "Pembacaan dakwaan"),
        ("Budi", dt.date(2026, 1, 20), ""),
        ("Budi", dt.date(2026, 2, 3), "Tuntutan"),
    ]
    # The preview is spent: posting again saves nothing twice.
    again = client.post(reverse("aftercare:hearing_import_commit"), follow=True)
    assert "Tidak ada pratinjau" in again.content.decode()


def test_row_errors_are_listed_in_indonesian_and_nothing_is_saved(client, login, petugas, people):
    text = (
        "No Registrasi;Tanggal Sidang;Pengadilan;Agenda\n"
        "AII.1/2026;15-01-2026;PN Balikpapan;Dakwaan\n"
        "BI.9/2026;16-01-2026;PN Balikpapan;\n"
        "AII.2/2026;31-02-2026;PN Balikpapan;\n"
        "AII.1/2026;15-01-2026;PN Balikpapan;lagi\n"
        "AII.2/2026;17-01-2026;;\n"
    )
    login(petugas)
    response = client.post(URL, {"file": csv_upload(text)})
    errors = {row.line: row.errors for row in response.context["errors"]}
    assert errors == {
        3: ["Nomor registrasi BI.9/2026 tidak ada di UPT Anda."],
        4: ["Tanggal sidang “31-02-2026” tidak dikenali (gunakan HH-BB-TTTT)."],
        5: ["Sidang yang sama sudah ada di baris 2."],
        6: ["Pengadilan kosong."],
    }
    assert "Tidak ada data yang disimpan" in response.content.decode()
    client.post(reverse("aftercare:hearing_import_commit"))
    assert not CourtHearing.objects.exists()


def test_a_file_it_cannot_read_is_told_not_crashed(client, login, petugas, people):
    login(petugas)
    for upload, message in [
        (csv_upload("a,b\n1,2\n"), "Baris judul kolom tidak ditemukan"),
        (SimpleUploadedFile("sidang.xlsx", b"not a zip"), "bukan Excel .xlsx"),
        (SimpleUploadedFile("sidang.pdf", b"%PDF"), "Jenis berkas tidak didukung"),
        (SimpleUploadedFile("sidang.csv", "Pengadilan;Négeri".encode("latin-1")), "UTF-8"),
        (SimpleUploadedFile("sidang.csv", "x".encode("utf-16")), "karakter NUL"),
    ]:
        response = client.post(URL, {"file": upload})
        assert response.status_code == 400 and message in response.content.decode()


def test_a_participant_gone_between_preview_and_commit_stops_the_whole_import(
    client, login, petugas, people, other_facility
):
    login(petugas)
    text = (
        "No Registrasi,Tanggal Sidang,Pengadilan\n"
        "AII.1/2026,15-01-2026,PN Balikpapan\n"
        "AII.2/2026,16-01-2026,PN Balikpapan\n"
    )
    client.post(URL, {"file": csv_upload(text)})
    Participant.objects.filter(pk=people[1].pk).update(facility=other_facility)
    response = client.post(reverse("aftercare:hearing_import_commit"), follow=True)
    assert "Tidak ada yang disimpan" in response.content.decode()
    assert not CourtHearing.objects.exists()


def test_only_facility_writers_import(client, login, kepala, fasilitator, bapas):
    for user in (kepala, fasilitator, bapas):
        login(user)
        assert client.get(URL).status_code == 403


@settings(max_examples=60, deadline=None)
@given(cell=st.one_of(st.text(max_size=40), st.integers(), st.floats(allow_nan=True), st.none()))
def test_any_date_cell_gives_a_date_or_an_indonesian_error(cell):
    errors: list[str] = []
    day = hearing_import._date(cell, errors)
    assert (day is None) == bool(errors)
    assert all("Tanggal" in e or "tanggal" in e for e in errors)
