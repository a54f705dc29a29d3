"""UU PDP duties: subject access (Pasal 32) and retention (Pasal 42–44)."""

import datetime as dt
import json
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RetentionRun
from participants.retention import retention_run
from rehab.reports.figures import monthly_report
from rutan.models import AuditEvent
from rutan.roles import Role
from tests.factories import AttendanceFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import ParticipantFactory
from tests.factories import ScreeningFactory
from tests.factories import UserFactory
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_known_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(facility):
    participant = ParticipantFactory(
        facility=facility,
        name="Rahmat Hidayat",
        nik="6471990101900009",
        registration_number="BI.77/2025",
        case_article="Pasal 112 UU 35/2009",
    )
    ScreeningFactory(participant=participant)
    ConsentFactory(participant=participant, notes="Rahmat setuju di depan saksi.")
    enrolment = EnrollmentFactory(participant=participant)
    AttendanceFactory(participant=participant, session__cohort=enrolment.cohort)
    EvaluationFactory(enrollment=enrolment)
    return participant


def test_the_kepala_exports_everything_held_on_a_person_as_json(client, kepala, person):
    AuditEvent.objects.create(
        user=kepala,
        action="screening.view",
        object_type="x",
        object_id="1",
        participant_pk=person.pk,
    )
    client.force_login(kepala)
    response = client.get(reverse("participants:subject_access", args=[person.pk, "json"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["warga_binaan"]["NIK"] == "6471990101900009"
    kinds = {group["model"] for group in data["catatan_terkait"]}
    assert {
        "participants.screening",
        "rehab.evaluation",
        "participants.consent",
        "participants.enrollment",
        "rehab_sessions.attendance",
    } <= kinds
    assert data["riwayat_perubahan"] and data["pemrosesan"][0]["tindakan"] == "screening.view"
    assert AuditEvent.objects.filter(
        action="participant.subject_access", participant_pk=person.pk, detail="json"
    ).exists()


def test_the_subject_access_pdf_reads_as_the_persons_record(client, kepala, person, tmp_path):
    client.force_login(kepala)
    response = client.get(reverse("participants:subject_access", args=[person.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "sar.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "DATA PRIBADI YANG DIPROSES OLEH PULIH" in flat
    assert "Rahmat Hidayat" in flat and "6471990101900009" in flat
    assert "Pasal 32" in flat


def test_subject_access_is_for_the_kepala_of_the_facility(client, petugas, person, other_facility):
    client.force_login(petugas)
    assert (
        client.get(reverse("participants:subject_access", args=[person.pk, "json"])).status_code
        == 403
    )
    client.force_login(UserFactory(facility=other_facility, role=Role.KEPALA))
    assert (
        client.get(reverse("participants:subject_access", args=[person.pk, "json"])).status_code
        == 404
    )


def report_figures(facility):
    report = monthly_report(facility=facility, month=NOVEMBER)
    return [(t.key, t.rows, t.total) for t in report.tables()]


def test_retention_anonymises_expired_people_and_leaves_a_past_report_identical(
    facility, other_facility
):
    build_known_month(facility, other_facility)
    IntegrationProgramme.objects.update(status=IntegrationProgramme.Status.COMPLETED)
    facility.retention_months = 6
    facility.save()
    before = report_figures(facility)
    people = {p.pk: p for p in Participant.objects.filter(facility=facility)}
    today = dt.date(2027, 6, 1)

    dry = retention_run(dry_run=True, today=today, facilities=[facility])[0]
    assert dry.expired >= 3 and dry.anonymised == 0
    assert not Participant.objects.filter(anonymised_on__isnull=False).exists()

    run = retention_run(dry_run=False, today=today, facilities=[facility])[0]
    assert run.anonymised == dry.expired
    assert report_figures(facility) == before

    gone = Participant.objects.filter(anonymised_on=today)
    assert gone.count() == run.anonymised
    for participant in gone:
        original = people[participant.pk]
        assert participant.name != original.name and participant.nik == ""
        assert participant.registration_number == f"ANONIM-{participant.pk}"
        assert participant.history.count() == 0
        assert not Participant.history.filter(name=original.name).exists()
    # Open enrolments are kept.
    assert Participant.objects.filter(anonymised_on__isnull=True, facility=facility).exists()


def test_free_text_naming_the_person_is_scrubbed(person):
    IntegrationProgramme.objects.all().delete()
    person.enrollments.update(status="completed", ended_on=dt.date(2025, 12, 1))
    retention_run(dry_run=False, today=dt.date(2040, 1, 1), facilities=[person.facility])
    consent = person.consents.get()
    assert consent.notes == "[dianonimkan] setuju di depan saksi."
    assert "Rahmat" not in json.dumps(list(consent.history.values("notes")), ensure_ascii=False)


def test_the_command_logs_counts_and_has_a_dry_run(facility, capsys, caplog):
    ParticipantFactory(facility=facility, released_long_ago=True)
    caplog.set_level("INFO", logger="participants.retention")
    call_command("anonymise_expired", "--dry-run")
    assert "1 expired, 0 anonymised (dry run)" in capsys.readouterr().out
    assert "expired=1 anonymised=0" in caplog.text
    call_command("anonymise_expired")
    assert "1 expired, 1 anonymised" in capsys.readouterr().out
    assert list(RetentionRun.objects.values_list("dry_run", "anonymised").order_by("ran_at")) == [
        (True, 0),
        (False, 1),
    ]
