"""UU PDP for what follows the programme: court days, certificates, the handover packet and
follow-ups are in the subject access export and lose the person's identity on retention."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from aftercare.models import FollowUp
from aftercare.models import Handover
from aftercare.services import follow_up_record
from aftercare.services import handover_create
from participants.models import CourtHearing
from participants.models import Participant
from participants.retention import retention_run
from participants.services import certificate_issue
from participants.services import court_hearing_record

pytestmark = pytest.mark.django_db

HANDED_OVER = dt.date(2025, 12, 31)


@pytest.fixture
def followed(leaving, bapas_office, kepala, petugas, bapas):
    participant = leaving.participant
    Participant.objects.filter(pk=participant.pk).update(
        birth_date=dt.date(1990, 7, 14),
        registration_number="BI.55/2025",
        expected_release_date=dt.date(2025, 12, 31),
    )
    participant.refresh_from_db()
    court_hearing_record(
        participant=participant,
        recorded_by=petugas,
        hearing_date=dt.date(2025, 10, 2),
        court="PN Balikpapan",
        agenda="Pembacaan tuntutan Rudi Hartono, Pasal 112",
    )
    certificate_issue(enrollment=leaving, issued_by=kepala, on=dt.date(2025, 12, 6))
    handover = handover_create(
        participant=participant,
        bapas_office=bapas_office,
        reason=Handover.Reason.RELEASE,
        handed_over_on=HANDED_OVER,
        recommendations="Rudi perlu pendampingan kerja",
        include_nik=True,
        by=kepala,
    )
    follow_up_record(
        handover=handover,
        by=bapas,
        milestone=1,
        contacted_on=dt.date(2026, 2, 1),
        reached=True,
        substance_use="none",
        activity="work",
        rearrested=False,
        notes="Rudi Hartono bekerja di bengkel",
    )
    return handover


def test_the_subject_access_export_holds_court_days_certificate_handover_and_follow_ups(
    client, kepala, followed
):
    client.force_login(kepala)
    url = reverse("participants:subject_access", args=[followed.participant_id, "json"])
    groups = {
        g["model"]: g["catatan"] for g in json.loads(client.get(url).content)["catatan_terkait"]
    }
    assert groups["participants.courthearing"][0]["agenda sidang"].startswith("Pembacaan tuntutan")
    assert groups["participants.certificate"][0]["nomor sertifikat"] == (
        followed.participant.enrollments.get().certificate.number
    )
    packet = groups["aftercare.handover"][0]["berkas serah terima"]
    assert packet["participant"]["nik"] == "6471000000000099"
    assert groups["aftercare.followup"][0]["catatan"] == "Rudi Hartono bekerja di bengkel"


def retain(participant, today):
    participant.facility.retention_months = 6
    participant.facility.save()
    participant.integration_programmes.update(status="completed")
    return retention_run(dry_run=False, today=today, facilities=[participant.facility])[0]


def test_retention_waits_for_the_follow_up_year_then_scrubs_the_packet(followed):
    participant = followed.participant
    assert retain(participant, dt.date(2026, 12, 1)).anonymised == 0  # 12-month contact ahead

    assert retain(participant, dt.date(2027, 1, 5)).anonymised == 1
    followed.refresh_from_db()
    stored = json.dumps(followed.record, ensure_ascii=False)
    for identity in ("Rudi", "Hartono", "6471000000000099", "BI.55/2025", "1990-07-14"):
        assert identity not in stored
        versions = Handover.history.filter(id=followed.pk).values_list("record", flat=True)
        assert identity not in json.dumps(list(versions), ensure_ascii=False)
    assert followed.record["participant"]["birth_date"] == "1990-07-01"
    assert followed.recommendations == "[dianonimkan] perlu pendampingan kerja"
    # What the outcomes count stays: the milestone, reached, substance use.
    contact = FollowUp.objects.get(handover=followed)
    assert (contact.milestone, contact.reached, contact.substance_use) == (1, True, "none")
    assert contact.notes == "[dianonimkan] bekerja di bengkel"
    hearing = CourtHearing.objects.get(participant=participant)
    assert (hearing.hearing_date, hearing.court, hearing.agenda) == (
        dt.date(2025, 10, 2),
        "PN Balikpapan",
        "",
    )
    assert not CourtHearing.history.filter(id=hearing.pk).exclude(agenda="").exists()
