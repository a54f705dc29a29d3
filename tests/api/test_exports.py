"""The de-identified programme records as CSV and Excel: the API's records, nothing more."""

import csv
import io
import re

import openpyxl
import pytest

from api.records import COLUMNS
from api.records import record_rows
from api.serializers import ParticipantRecordSerializer
from participants.models import Participant
from rutan.models import AuditEvent
from tests.api.helpers import api_get
from tests.api.helpers import issue_token

pytestmark = pytest.mark.django_db
PAGE_URL = "/program/wilayah/data-program"


def _api_records(client, token, **params) -> list[dict]:
    """Every record the API's participants/ answers, page after page."""
    records, page = [], 1
    while True:
        data = api_get(client, "participants/", token, page=page, **params).json()
        records += data["results"]
        if not data["next"]:
            return records
        page += 1


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def _as_text(rows) -> list[list[str]]:
    """Rows as a CSV reader gives them back: every value a string, None empty."""
    return [["" if value is None else str(value) for value in row] for row in rows]


def test_the_kanwils_csv_holds_the_apis_records_of_its_region(client, known, kanwil):
    expected = _as_text(record_rows(_api_records(client, issue_token("64"))))
    client.force_login(kanwil)
    response = client.get(f"{PAGE_URL}.csv")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert 'filename="data-program-64-' in response["Content-Disposition"]
    header, *rows = _csv_rows(response)
    assert header == COLUMNS
    # Balikpapan's six people and Samarinda's one, one row per enrolment.
    assert rows == expected and len({row[0] for row in rows}) == 7
    assert {row[1] for row in rows} == {"rutan-balikpapan", "rutan-samarinda"}


def test_the_workbook_holds_the_same_rows_as_the_csv(client, known, pusat):
    client.force_login(pusat)
    csv_rows = _csv_rows(client.get(f"{PAGE_URL}.csv"))
    response = client.get(f"{PAGE_URL}.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = _as_text(sheet.iter_rows(values_only=True))
    assert xlsx_rows == csv_rows and len(xlsx_rows) > 8
    assert "lapas-jakarta" in {row[1] for row in xlsx_rows}


def test_a_token_downloads_its_scope_as_csv_or_xlsx(client, known):
    token = issue_token("64")
    records = _api_records(client, token)
    response = api_get(client, "participants/export/", token, file="csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    csv_rows = _csv_rows(response)
    assert csv_rows[1:] == _as_text(record_rows(records)) and len(csv_rows) > 1
    workbook = api_get(client, "participants/export/", token, file="xlsx")
    rows = openpyxl.load_workbook(io.BytesIO(workbook.content)).active.values
    assert _as_text(rows) == csv_rows
    one = api_get(client, "participants/export/", token, facility="rutan-samarinda")
    assert {row[1] for row in _csv_rows(one)[1:]} == {"rutan-samarinda"}
    assert api_get(client, "participants/export/", token, file="pdf").status_code == 400


def test_no_identifying_field_appears_in_either_file(client, known, pusat):
    client.force_login(pusat)
    text = b"".join(client.get(f"{PAGE_URL}.csv").streaming_content).decode()
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{PAGE_URL}.xlsx").content)).active
    cells = "\n".join(str(value) for row in book.iter_rows(values_only=True) for value in row)
    assert not {"name", "nik", "birth_date", "registration_number"} & set(COLUMNS)
    for person in Participant.objects.all():
        for content in (text, cells):
            assert person.name not in content and person.nik not in content
            assert not re.search(rf"\b{re.escape(person.registration_number)}\b", content)
            if person.birth_date:
                assert person.birth_date.isoformat() not in content


def test_out_of_scope_facilities_are_absent_and_asking_for_one_is_a_404(client, known, kanwil):
    client.force_login(kanwil)
    rows = _csv_rows(client.get(f"{PAGE_URL}.csv"))[1:]
    assert "lapas-jakarta" not in {row[1] for row in rows}
    assert client.get(f"{PAGE_URL}.csv", {"upt": "lapas-jakarta"}).status_code == 404
    token = issue_token("64")
    response = api_get(client, "participants/export/", token, facility="lapas-jakarta")
    assert response.status_code == 404


def test_every_export_writes_an_audit_line(client, known, kanwil):
    client.force_login(kanwil)
    client.get(f"{PAGE_URL}.xlsx")
    api_get(client, "participants/export/", issue_token(None), file="csv")
    lines = list(AuditEvent.objects.filter(action="records.export").order_by("id"))
    assert [(line.user.username, line.detail) for line in lines[:1]] == [
        ("kanwil", "xlsx 64"),
    ]
    assert lines[1].detail == "csv nasional BNN SIRENA" and len(lines) == 2


def test_only_oversight_readers_download_it(client, known, kepala, petugas):
    for user in (kepala, petugas):
        client.force_login(user)
        assert client.get(f"{PAGE_URL}.csv").status_code == 403
    client.logout()
    assert client.get(f"{PAGE_URL}.csv").status_code == 302
    assert not AuditEvent.objects.filter(action="records.export").exists()


def test_the_file_builds_the_records_serializer_once_not_once_a_person(
    client, known, pusat, monkeypatch
):
    # A ModelSerializer builds its fields from the model each time one is made: per person,
    # that was three quarters of a file's time (31 s for a region of 6,500 people).
    built = []
    get_fields = ParticipantRecordSerializer.get_fields
    monkeypatch.setattr(
        ParticipantRecordSerializer,
        "get_fields",
        lambda self: built.append(1) or get_fields(self),
    )
    client.force_login(pusat)
    rows = _csv_rows(client.get(f"{PAGE_URL}.csv"))
    assert len({row[0] for row in rows[1:]}) > 8
    assert len(built) == 1
