import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from rutan.models import AuditEvent
from rutan.workbooks import HEADER_ROW
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.factories import ScreeningFactory

pytestmark = pytest.mark.django_db

LIST = reverse("participants:list")


def _names(response) -> list[str]:
    return [p.name for p in response.context["page"].object_list]


def test_it_finds_by_partial_name_or_number_in_any_case(client, petugas):
    ParticipantFactory(
        facility=petugas.facility, name="Bayu Gunawan", registration_number="BI.102/2025"
    )
    ParticipantFactory(
        facility=petugas.facility, name="Rudi Hakim", registration_number="AII.55/2025"
    )
    client.force_login(petugas)
    assert _names(client.get(LIST, {"q": "gunaw"})) == ["Bayu Gunawan"]
    assert _names(client.get(LIST, {"q": "aii.55"})) == ["Rudi Hakim"]
    assert _names(client.get(LIST, {"q": "  "})) == ["Bayu Gunawan", "Rudi Hakim"]


def test_it_filters_by_register_status_risk_and_block(client, petugas):
    facility = petugas.facility
    active = ParticipantFactory(
        facility=facility, name="Aktif", register_type="A.III", cell_block="Blok A"
    )
    EnrollmentFactory(participant=active, status="active")
    done = ParticipantFactory(
        facility=facility, name="Selesai", register_type="B.I", cell_block="Blok B"
    )
    EnrollmentFactory(participant=done, status="completed")
    ScreeningFactory(participant=done, highest_risk="high", screened_on=dt.date(2025, 11, 1))
    ScreeningFactory(participant=done, highest_risk="low", screened_on=dt.date(2025, 12, 4))
    ParticipantFactory(facility=facility, name="Baru", register_type="A.II", cell_block="Blok B")
    client.force_login(petugas)
    assert _names(client.get(LIST, {"register_type": "A"})) == ["Aktif", "Baru"]
    assert _names(client.get(LIST, {"register_type": "B.I"})) == ["Selesai"]
    assert _names(client.get(LIST, {"status": "active"})) == ["Aktif"]
    assert _names(client.get(LIST, {"status": "none"})) == ["Baru"]
    # The latest screening counts, not the worst one ever.
    assert _names(client.get(LIST, {"risk": "low"})) == ["Selesai"]
    assert _names(client.get(LIST, {"risk": "high"})) == []
    assert _names(client.get(LIST, {"risk": "none"})) == ["Aktif", "Baru"]
    assert _names(client.get(LIST, {"cell_block": "Blok B", "q": "ba"})) == ["Baru"]


def test_it_offers_only_the_own_facilitys_cell_blocks(client, petugas, other_facility):
    ParticipantFactory(facility=petugas.facility, cell_block="Blok A")
    ParticipantFactory(facility=other_facility, cell_block="Blok Mawar")
    client.force_login(petugas)
    page = client.get(LIST).content.decode()
    assert "Blok A" in page and "Blok Mawar" not in page


def test_it_sorts_and_flips_direction(client, petugas):
    for name, day in (("Budi", 3), ("Andi", 1), ("Candra", 2)):
        ParticipantFactory(
            facility=petugas.facility, name=name, expected_release_date=dt.date(2026, 1, day)
        )
    client.force_login(petugas)
    assert _names(client.get(LIST)) == ["Andi", "Budi", "Candra"]
    assert _names(client.get(LIST, {"o": "-name"})) == ["Candra", "Budi", "Andi"]
    assert _names(client.get(LIST, {"o": "expected_release_date"})) == ["Andi", "Candra", "Budi"]
    page = client.get(LIST, {"o": "name"}).content.decode()
    assert "o=-name" in page and 'aria-sort="ascending"' in page


def test_it_paginates_with_totals_and_keeps_filters(client, petugas):
    ParticipantFactory.create_batch(30, facility=petugas.facility, cell_block="Blok A")
    client.force_login(petugas)
    page = client.get(LIST, {"cell_block": "Blok A", "page": 2}).content.decode()
    assert "Menampilkan 26–30 dari 30 warga binaan" in page
    assert "cell_block=Blok+A&amp;page=1" in page


def test_it_lists_only_the_own_facility(client, petugas, other_facility):
    ParticipantFactory(facility=petugas.facility, name="Milik Balikpapan")
    ParticipantFactory(facility=other_facility, name="Milik Samarinda")
    client.force_login(petugas)
    assert _names(client.get(LIST)) == ["Milik Balikpapan"]


def test_it_lists_60_rows_in_a_fixed_number_of_queries(
    client, petugas, django_assert_max_num_queries
):
    for participant in ParticipantFactory.create_batch(60, facility=petugas.facility):
        EnrollmentFactory(participant=participant)
        ScreeningFactory(participant=participant, highest_risk="moderate")
    client.force_login(petugas)
    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"o": "name"})
    assert response.status_code == 200
    # A page of rows is the same cost as a few: the count does not grow with the rows.
    with django_assert_max_num_queries(10):
        client.get(LIST, {"q": "x"})


def test_it_exports_the_filtered_list_without_sensitive_fields(
    client, petugas, django_assert_max_num_queries
):
    for n in range(40):
        participant = ParticipantFactory(
            facility=petugas.facility,
            name=f"Peserta {n:02d}",
            cell_block="Blok A" if n % 2 else "Blok B",
            nik=f"64719901019{n:05d}",
            case_article="Pasal 114",
        )
        EnrollmentFactory(participant=participant)
    client.force_login(petugas)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("participants:export"), {"cell_block": "Blok A"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    assert rows[0][:3] == ("No. registrasi", "Register", "Nama")
    assert len(rows) == 21
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert "6471990101" not in flat and "Pasal 114" not in flat
    assert "Aktif" in flat
    assert AuditEvent.objects.get(action="participant.export").detail.startswith("20 baris")


def test_an_export_too_big_for_one_workbook_asks_for_a_filter_and_writes_nothing(
    client, petugas, monkeypatch
):
    monkeypatch.setattr("participants.views.registry.EXPORT_MAX_ROWS", 3)
    for n in range(4):
        ParticipantFactory(facility=petugas.facility, cell_block="Blok A" if n else "Blok B")
    client.force_login(petugas)
    response = client.get(reverse("participants:export"), {"register_type": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?register_type="
    page = client.get(response["Location"]).content.decode()
    assert "lebih dari 3 baris" in page
    assert not AuditEvent.objects.filter(action="participant.export").exists()
    # Narrowed to three rows, the same export is served.
    response = client.get(reverse("participants:export"), {"cell_block": "Blok A"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_it_shows_no_rows_message(client, petugas):
    client.force_login(petugas)
    assert "Tidak ada warga binaan yang cocok." in client.get(LIST, {"q": "zzz"}).content.decode()


def test_it_survives_a_bad_filter_value(client, petugas):
    client.force_login(petugas)
    response = client.get(LIST, {"risk": "terrible", "page": "abc", "o": "password"})
    assert response.status_code == 200
