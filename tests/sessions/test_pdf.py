import datetime as dt

import pytest
from django.urls import reverse

from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.factories import ModuleFactory
from tests.pdf_checks import pdf_text

pytestmark = pytest.mark.django_db


def test_it_prints_a_signable_attendance_sheet(client, petugas, fasilitator, session_on, enrol):
    module = ModuleFactory(code="RHB-09", title="10 Hal Berbahaya dalam Proses Recovery")
    session = session_on(dt.date(2025, 11, 19), module=module, place="Aula Pembinaan")
    people = enrol(25)
    attendance_record(
        session=session,
        entries={
            p.pk: AttendanceEntry(
                "sick" if p == people[1] else "present", "Demam" if p == people[1] else ""
            )
            for p in people
        },
        version=0,
        by=petugas,
    )
    client.force_login(petugas)
    response = client.get(reverse("sessions:attendance_pdf", args=[session.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "RUTAN KELAS IIA BALIKPAPAN",
        "DAFTAR HADIR",
        "Rabu, 19 November 2025",
        "09:00–11:00 WITA",
        "RHB-09 — 10 Hal Berbahaya dalam Proses Recovery",
        str(fasilitator),
        "Tanda tangan",
        people[0].name,
        people[-1].name,
        people[0].registration_number,
        "Tercatat: Sakit: Demam",
    ):
        assert expected in text, expected


def test_it_hides_another_facilitys_sheet_pdf(client, petugas_other, session_on):
    session = session_on(dt.date(2025, 11, 19))
    client.force_login(petugas_other)
    assert client.get(reverse("sessions:attendance_pdf", args=[session.pk])).status_code == 404


@pytest.mark.parametrize(
    "user_fixture,expected",
    [("petugas", 200), ("kepala", 200), ("fasilitator", 403), ("fasilitator_other", 403)],
)
def test_the_pdf_follows_the_attendance_sheets_access_rule(
    login_as, client, session_on, user_fixture, expected
):
    session = session_on(dt.date(2025, 11, 19))
    login_as(user_fixture)
    sheet = client.get(reverse("sessions:attendance", args=[session.pk]))
    pdf = client.get(reverse("sessions:attendance_pdf", args=[session.pk]))
    assert pdf.status_code == sheet.status_code == expected
