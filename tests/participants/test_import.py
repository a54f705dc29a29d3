import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants import importing
from participants.models import Participant
from participants.models import RegisterChange
from participants.models import RegisterFormat
from participants.views.imports import SESSION_KEY
from rutan.models import AuditEvent
from tests.factories import ParticipantFactory
from tests.participants.import_files import HEADER
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row
from tests.participants.import_files import xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

START = reverse("participants:import")
PREVIEW = reverse("participants:import_preview")
COMMIT = reverse("participants:import_commit")


def stored_files(media: Path) -> list[Path]:
    folder = media / "imports"
    return list(folder.iterdir()) if folder.exists() else []


def upload(client, content: bytes, name: str = "sdp.xlsx"):
    return client.post(START, {"file": SimpleUploadedFile(name, content)})


def commit(client):
    summary = client.get(PREVIEW).context["summary"]
    return client.post(
        COMMIT,
        {"expect_create": summary["create"], "expect_update": summary["update"]},
        follow=True,
    )


def test_it_offers_templates_with_the_documented_columns(client, petugas):
    client.force_login(petugas)
    xlsx = client.get(reverse("participants:import_template", args=["xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert [c.value for c in workbook["Data"][1]] == importing.COLUMN_KEYS == HEADER
    assert workbook["Data"]["D2"].number_format == "@"  # NIK stays text in Excel
    assert "Petunjuk" in workbook.sheetnames
    csv = client.get(reverse("participants:import_template", args=["csv"]))
    assert csv.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)


def test_it_previews_then_imports_everything_at_once(client, petugas, media):
    client.force_login(petugas)
    response = upload(client, xlsx_bytes([row(n) for n in range(3)], title_rows=2))
    assert response.url == PREVIEW
    assert len(stored_files(media)) == 1
    preview = client.get(PREVIEW)
    assert preview.context["summary"] == {
        "total": 3,
        "create": 3,
        "update": 0,
        "unchanged": 0,
        "errors": 0,
    }
    assert not Participant.objects.exists()  # nothing is written by a preview
    page = commit(client).content.decode()
    assert "Impor selesai: 3 warga binaan baru" in page
    imported = Participant.objects.get(registration_number="AIII.00001/2025")
    assert imported.facility == petugas.facility
    assert (imported.birth_date, imported.admission_date) == (
        dt.date(1990, 8, 15),
        dt.date(2025, 6, 2),
    )
    assert (imported.sex, imported.religion, imported.education) == ("M", "islam", "sma")
    assert imported.history.get().history_user == petugas
    assert stored_files(media) == [] and SESSION_KEY not in client.session
    assert AuditEvent.objects.get(action="participant.import").detail.endswith(
        "3 baru, 0 diperbarui"
    )


def test_it_updates_instead_of_duplicating_on_a_second_import(client, petugas):
    client.force_login(petugas)
    rows = [row(n) for n in range(4)]
    upload(client, csv_bytes(rows), "sdp.csv")
    commit(client)
    rows[1]["blok"] = "Blok Baru"
    rows[2]["jenis_register"] = "B.I"
    # The number is the import's key, so a register change keeps it: only possible where the
    # administrator has left the new register without a number format.
    RegisterFormat.objects.filter(register_type="B.I").delete()
    rows[3]["nik"] = ""  # an empty cell never erases
    upload(client, csv_bytes(rows), "sdp.csv")
    assert client.get(PREVIEW).context["summary"] == {
        "total": 4,
        "create": 0,
        "update": 2,
        "unchanged": 2,
        "errors": 0,
    }
    commit(client)
    assert Participant.objects.count() == 4
    assert Participant.objects.get(registration_number="AIII.00001/2025").cell_block == "Blok Baru"
    assert Participant.objects.get(registration_number="AIII.00003/2025").nik == "6471990101000003"
    change = RegisterChange.objects.get()
    assert (change.from_type, change.to_type, change.recorded_by) == ("A.III", "B.I", petugas)


def test_it_lists_every_rows_errors_and_writes_nothing(client, petugas):
    ParticipantFactory(facility=petugas.facility, nik="6471990101000777", registration_number="X.1")
    client.force_login(petugas)
    rows = [
        row(1),
        row(2, nik="123"),
        row(3, tanggal_masuk="31-02-2025", jenis_kelamin="X"),
        row(4, tanggal_lahir="01-01-2999"),
        row(1, nama="Kembar"),  # same number twice in the file
        row(5, jenis_register="C.IX", agama="Jedi"),
        row(6, nik="6471990101000777"),  # NIK of someone already registered
        row(7, perkiraan_bebas="01-01-2020"),
        row(8, no_registrasi="", nama=""),
    ]
    upload(client, csv_bytes(rows, delimiter=";"), "sdp.csv")
    preview = client.get(PREVIEW)
    errors = {r.line: " | ".join(r.errors) for r in preview.context["preview"].error_rows}
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9, 10}
    assert "16 angka" in errors[3]
    assert "bukan tanggal" in errors[4] and "Jenis kelamin" in errors[4]
    assert "masa depan" in errors[5]
    assert "sudah ada di baris 2" in errors[6]
    assert "C.IX" in errors[7] and "Jedi" in errors[7]
    assert "X.1" in errors[8]
    assert "sebelum tanggal masuk" in errors[9]
    assert "Nomor registrasi wajib diisi" in errors[10] and "Nama wajib diisi" in errors[10]
    page = preview.content.decode()
    assert "Tidak ada data yang disimpan" in page and "Simpan semua" not in page
    # Even a forged commit writes nothing while any row is wrong.
    client.post(COMMIT, {"expect_create": 1, "expect_update": 0})
    assert Participant.objects.count() == 1


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("daftar.pdf", b"%PDF-1.4", "Jenis berkas tidak didukung (.pdf)"),
        ("daftar.xls", b"\xd0\xcf\x11\xe0", "Format .xls (Excel lama) tidak didukung"),
        ("daftar.xlsx", b"not a zip at all", "bukan Excel .xlsx yang valid"),
        ("daftar.csv", b"", "kosong"),
        (
            "daftar.csv",
            b"no_registrasi,nama\nA.1,Budi\n",
            "Kolom wajib tidak ada: jenis_register, jenis_kelamin, tanggal_masuk",
        ),
        ("daftar.csv", b"judul,lain\n1,2\n", "Baris judul kolom tidak ditemukan"),
        (
            "daftar.csv",
            csv_bytes([row(1, nama="Ujang Suryadi Pérez")], encoding="cp1252"),
            "bukan UTF-8",
        ),
        ("daftar.csv", b"\x00\x01binary", "bukan CSV teks"),
        ("daftar.csv", csv_bytes([]), "tidak berisi baris data"),
    ],
)
def test_it_refuses_a_bad_file_with_a_clear_message(client, petugas, media, name, content, message):
    client.force_login(petugas)
    response = upload(client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_files(media) == [] and SESSION_KEY not in client.session
    assert not Participant.objects.exists()


def test_it_refuses_an_oversized_file_before_storing_it(client, petugas, media, monkeypatch):
    monkeypatch.setattr(importing.read, "MAX_BYTES", 1024)
    client.force_login(petugas)
    response = upload(client, csv_bytes([row(n) for n in range(50)]), "besar.csv")
    assert "Berkas terlalu besar" in response.content.decode()
    assert stored_files(media) == []


def test_it_keeps_the_upload_tied_to_the_session_and_deletes_it_on_cancel(client, petugas, media):
    client.force_login(petugas)
    upload(client, xlsx_bytes([row(1)]))
    token = client.session[SESSION_KEY]["token"]
    [stored] = stored_files(media)
    assert stored.name == f"{token}.xlsx" and len(token) == 32
    client.post(reverse("participants:import_cancel"))
    assert stored_files(media) == [] and SESSION_KEY not in client.session
    assert client.get(PREVIEW).status_code == 302


def test_it_refuses_to_commit_when_the_register_changed_since_the_preview(client, petugas):
    client.force_login(petugas)
    upload(client, xlsx_bytes([row(1), row(2)]))
    client.get(PREVIEW)
    ParticipantFactory(facility=petugas.facility, registration_number="AIII.00001/2025", nik="")
    response = client.post(COMMIT, {"expect_create": 2, "expect_update": 0}, follow=True)
    assert "Data berubah sejak pratinjau" in response.content.decode()
    assert Participant.objects.count() == 1


def test_it_gives_another_petugas_nothing_of_someone_elses_upload(
    client, petugas, petugas_other, media
):
    client.force_login(petugas)
    upload(client, xlsx_bytes([row(1)]))
    client.force_login(petugas_other)  # a new session: the pending upload is not theirs
    assert client.get(PREVIEW).status_code == 302
    assert client.post(COMMIT).status_code == 302
    assert not Participant.objects.exists()


def test_it_reads_numbers_and_dates_as_excel_stores_them(client, petugas):
    client.force_login(petugas)
    # A register whose numbers are plain digits, as an administrator may configure.
    RegisterFormat.objects.filter(register_type="A.III").update(pattern=r"^\d+$", example="123")
    values = row(1, nik=6471990101000001, no_registrasi=12345)
    upload(client, xlsx_bytes([values]))
    commit(client)
    participant = Participant.objects.get()
    assert (participant.nik, participant.registration_number) == ("6471990101000001", "12345")


def test_it_forbids_import_to_the_kepala(client, kepala):
    client.force_login(kepala)
    assert client.get(START).status_code == 403
    assert upload(client, xlsx_bytes([row(1)])).status_code == 403
