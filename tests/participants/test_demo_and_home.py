import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RegisterChange
from participants.models import Screening
from participants.vocabularies import VOCABULARY_OF
from rehab.models import Evaluation
from rutan.models import User
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.factories import ScreeningFactory

pytestmark = pytest.mark.django_db


def test_it_seeds_a_believable_idempotent_demo(client):
    call_command("seed_demo", force=True, verbosity=0)
    call_command("seed_demo", force=True, verbosity=0)
    balikpapan = Participant.objects.filter(facility__code="rutan-balikpapan")
    # Forty of the 2025 story, twelve admitted in 2026 for Angkatan II, three waiting for it.
    assert balikpapan.count() == 55
    assert Participant.objects.filter(facility__code="rutan-samarinda").count() == 5
    a_registers = balikpapan.filter(register_type__startswith="A.").count()
    assert a_registers > balikpapan.count() / 2
    cohort = Enrollment.objects.filter(cohort__name="Angkatan I 2025")
    assert cohort.count() == 30
    # The cohort closed on 5 Dec 2025: every enrolment is final, completions on that day.
    statuses = set(cohort.values_list("status", flat=True))
    assert statuses == {"completed", "dropped_out", "transferred", "released"}
    assert set(cohort.filter(status="completed").values_list("ended_on", flat=True)) == {
        dt.date(2025, 12, 5)
    }
    assert not any("15 sesi" in e.end_reason for e in cohort)
    # The PP 25/2011 recap has a diagnosis and a treatment history for everyone enrolled.
    assert not cohort.filter(participant__diagnosis="").exists()
    assert not cohort.filter(participant__treatment_history="").exists()
    cannabis = cohort.filter(participant__primary_substance="cannabis").exclude(
        participant__diagnosis="none"
    )
    assert set(cannabis.values_list("participant__diagnosis", flat=True)) == {"F12"}
    # Every recap value is a code of its vocabulary (PP 25/2011 recap groups by code).
    for name, vocabulary in VOCABULARY_OF.items():
        values = set(Participant.objects.exclude(**{name: ""}).values_list(name, flat=True))
        assert values <= set(vocabulary.values), name
    assert all(e.participant.consents.exists() for e in cohort.select_related("participant"))
    risks = set(Screening.objects.filter(kind="entry").values_list("highest_risk", flat=True))
    assert risks == {"low", "moderate", "high"}
    assert Screening.objects.filter(kind="exit").count() == 6
    assert RegisterChange.objects.count() == 3
    proposals = IntegrationProgramme.objects.filter(guarantor__short_name="Yayasan SEKATA")
    assert proposals.count() == 5
    # Only convicts are proposed, on the advice of their latest (exit) evaluation.
    for proposal in proposals.select_related("participant"):
        assert proposal.participant.register_type.startswith("B.")
        latest = Evaluation.objects.filter(enrollment__participant=proposal.participant).first()
        assert latest.kind == "exit" and latest.recommendation == "integration"
    assert all(
        register.startswith("B.")
        for register in Evaluation.objects.filter(recommendation="integration").values_list(
            "enrollment__participant__register_type", flat=True
        )
    )
    assert all(
        len(nik) == 16 and nik.isdigit()
        for nik in Participant.objects.values_list("nik", flat=True)
    )
    samarinda = Participant.objects.filter(facility__code="rutan-samarinda")
    assert all(p.registration_number.endswith(f"/{p.admission_date.year}") for p in samarinda)
    client.force_login(User.objects.get(username="petugas_samarinda"))
    assert client.get(reverse("participants:list")).context["page"].paginator.count == 5


def test_it_shows_risk_counts_and_exit_screenings_due_on_home(client, petugas):
    done = ParticipantFactory(facility=petugas.facility)
    EnrollmentFactory(participant=done, status="completed")
    ScreeningFactory(participant=done, highest_risk="high")
    ScreeningFactory(participant=ParticipantFactory(facility=petugas.facility), highest_risk="low")
    ParticipantFactory(facility=petugas.facility)
    client.force_login(petugas)
    page = client.get(reverse("home")).content.decode()
    assert 'href="/peserta/?risk=high">1<' in page and 'href="/peserta/?risk=none">1<' in page
    assert "1 peserta selesai program belum diskrining ulang" in page


def test_it_gives_facilitators_no_participant_panel(client, fasilitator):
    client.force_login(fasilitator)
    assert 'data-testid="participants-risk"' not in client.get(reverse("home")).content.decode()
