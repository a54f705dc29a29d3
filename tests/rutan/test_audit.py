"""Every read of sensitive data leaves a line (user, time, address, object, participant); the
lines cannot be changed or deleted; the kepala and the admin read them on "Jejak audit"."""

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.db import DatabaseError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.models import AuditEvent
from rutan.roles import Role
from rutan.workbooks import HEADER_ROW
from tests.factories import ParticipantFactory
from tests.factories import ScreeningFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_known_month

pytestmark = pytest.mark.django_db


def test_every_action_follows_one_naming_style():
    assert all(re.fullmatch(r"[a-z_]+\.[a-z_]+", value) for value in AuditAction.values)


def test_opening_a_screening_is_recorded_with_user_address_object_and_participant(
    client, kepala, facility
):
    screening = ScreeningFactory(participant=ParticipantFactory(facility=facility))
    client.force_login(kepala)
    response = client.get(
        reverse("participants:screening_detail", args=[screening.pk]), REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="screening.view")
    assert event.user == kepala and event.address == "10.1.2.3"
    assert (event.object_type, event.object_id) == ("participants.screening", str(screening.pk))
    assert event.participant_pk == screening.participant_id and event.facility == facility
    assert abs(event.at - timezone.now()) < dt.timedelta(minutes=1)


def test_report_downloads_are_recorded(client, kepala, facility, other_facility):
    build_known_month(facility, other_facility)
    client.force_login(kepala)
    for name in ("rehab:report_monthly_pdf", "rehab:report_monthly_xlsx"):
        url = reverse(name, args=[facility.code, NOVEMBER.year, NOVEMBER.month])
        assert client.get(url).status_code == 200
    details = set(
        AuditEvent.objects.filter(action="report.download").values_list("detail", flat=True)
    )
    assert details == {"pdf 2025-11", "xlsx 2025-11"}


def test_an_attendance_sheet_download_is_recorded(client, petugas, facility):
    session = SessionFactory(cohort__programme__facility=facility)
    client.force_login(petugas)
    assert client.get(reverse("sessions:attendance_pdf", args=[session.pk])).status_code == 200
    event = AuditEvent.objects.get(action="attendance.download")
    assert event.object_id == str(session.pk) and event.facility == facility


def test_admin_views_and_searches_of_participants_are_recorded(client, admin_user, facility):
    participant = ParticipantFactory(facility=facility)
    client.force_login(admin_user)
    client.get(reverse("admin:participants_participant_changelist"), {"q": "6471990101"})
    client.get(reverse("admin:participants_participant_change", args=[participant.pk]))
    search = AuditEvent.objects.get(action="admin.search")
    assert search.object_type == "participants.participant" and search.detail == "q=6471990101"
    view = AuditEvent.objects.get(action="admin.view")
    assert view.participant_pk == participant.pk and view.facility == facility
    # A list without a search is not a read of one person: no line.
    client.get(reverse("admin:participants_participant_changelist"))
    assert AuditEvent.objects.filter(action="admin.search").count() == 1


def test_the_database_refuses_to_change_or_delete_an_audit_row(kepala, facility):
    event = audit_record(user=kepala, action="screening.view", obj=facility)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="dihapus jejaknya")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).detail == ""


def test_the_admin_cannot_delete_or_change_audit_rows(client, admin_user, facility):
    event = audit_record(user=admin_user, action="screening.view", obj=facility)
    client.force_login(admin_user)
    assert client.get(reverse("admin:rutan_auditevent_delete", args=[event.pk])).status_code == 403
    page = client.get(reverse("admin:rutan_auditevent_change", args=[event.pk]))
    assert page.status_code == 200 and not page.context["adminform"].form.fields


@pytest.fixture
def trail(kepala, facility, other_facility):
    mine = ParticipantFactory(facility=facility, registration_number="AIII.1/2025", name="Andi")
    theirs = ParticipantFactory(facility=other_facility, name="Xaverius Qwerty")
    petugas = UserFactory(username="petugas_a", facility=facility, role=Role.PETUGAS)
    other = UserFactory(username="petugas_s", facility=other_facility, role=Role.PETUGAS)
    audit_record(
        user=petugas, action="participant.view_sensitive", obj=mine, facility_id=facility.pk
    )
    audit_record(user=kepala, action="dossier.download", obj=mine, facility_id=facility.pk)
    audit_record(
        user=petugas,
        action="participant.export",
        obj=facility,
        facility_id=facility.pk,
        detail='=HYPERLINK("http://evil.example","x")',
    )
    audit_record(
        user=other, action="participant.view_sensitive", obj=theirs, facility_id=other_facility.pk
    )
    return {"mine": mine, "theirs": theirs, "petugas": petugas}


def page_rows(response):
    return [row["event"] for row in response.context["rows"]]


def test_the_kepala_reads_their_facilitys_trail_only(client, kepala, trail):
    client.force_login(kepala)
    rows = page_rows(client.get(reverse("audit_trail")))
    assert len(rows) == 3 and all(e.facility_id == kepala.facility_id for e in rows)
    assert "Xaverius" not in client.get(reverse("audit_trail")).content.decode()


def test_the_trail_filters_by_person_participant_action_and_period(client, kepala, trail):
    client.force_login(kepala)
    url = reverse("audit_trail")
    assert len(page_rows(client.get(url, {"pengguna": trail["petugas"].pk}))) == 2
    by_person = page_rows(client.get(url, {"peserta": "AIII.1"}))
    assert {e.action for e in by_person} == {"participant.view_sensitive", "dossier.download"}
    assert len(page_rows(client.get(url, {"peserta": "Xaverius"}))) == 0  # other facility's person
    assert len(page_rows(client.get(url, {"tindakan": "participant.export"}))) == 1
    today = timezone.localdate()
    assert len(page_rows(client.get(url, {"dari": today, "sampai": today}))) == 3
    assert len(page_rows(client.get(url, {"sampai": today - dt.timedelta(days=1)}))) == 0
    assert client.get(url, {"dari": "0001-01-01"}).status_code == 400


def test_the_admin_reads_every_facility_and_other_roles_are_refused(
    client, admin_user, petugas, fasilitator, trail
):
    client.force_login(admin_user)
    assert len(page_rows(client.get(reverse("audit_trail")))) == 4
    for user in (petugas, fasilitator):
        client.force_login(user)
        assert client.get(reverse("audit_trail")).status_code == 403
        assert client.get(reverse("audit_trail_export", args=["csv"])).status_code == 403


def test_the_trail_exports_as_csv_and_xlsx_neutralised_and_logged(client, kepala, trail):
    client.force_login(kepala)
    response = client.get(reverse("audit_trail_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4 and rows[0][0] == "Waktu"
    assert any(row[-1].startswith("'=HYPERLINK") for row in rows)
    response = client.get(
        reverse("audit_trail_export", args=["xlsx"]), {"tindakan": "participant.export"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=HEADER_ROW + 1, column=9)
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")
    assert sheet.max_row == HEADER_ROW + 1
    assert AuditEvent.objects.filter(action="audit.export", user=kepala).count() == 2


def test_a_breach_notice_is_drafted_from_the_chosen_accounts_window(client, kepala, trail):
    client.force_login(kepala)
    today = timezone.localdate()
    query = {"akun": [trail["petugas"].pk], "dari": today, "sampai": today}
    response = client.get(reverse("breach_notice"), query)
    assert response.status_code == 200
    draft = response.context["draft"]
    assert "Pasal 46" in draft and "petugas_a" in draft
    assert "AIII.1/2025 — Andi" in draft  # whose data
    assert "Membuka data sensitif: 1" in draft and "Mengekspor daftar warga binaan: 1" in draft
    assert "Xaverius" not in draft  # another facility's person is not the kepala's to report
    assert (
        "dossier.download" not in draft
    )  # the kepala's own access is not in the window's accounts
    download = client.get(reverse("breach_notice"), {**query, "unduh": "1"})
    assert download["Content-Type"].startswith("text/markdown")
    assert download.content.decode() == draft
    assert AuditEvent.objects.filter(action="audit.breach_notice", user=kepala).count() == 2
    yesterday = today - dt.timedelta(days=1)
    empty = client.get(reverse("breach_notice"), {**query, "dari": yesterday, "sampai": yesterday})
    assert "tidak mencatat akses" in empty.context["draft"]
