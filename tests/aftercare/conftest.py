"""A participant of Balikpapan who completed the programme and is leaving on release."""

import datetime as dt

import pytest

from aftercare.models import Handover
from aftercare.services import handover_create
from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import RegisterType
from participants.models import Screening
from participants.models import SubstanceResult
from rehab.models import Evaluation
from rehab.models import ReviewStatus
from rutan.models import BapasOffice
from rutan.roles import Role
from tests.factories import EnrollmentFactory
from tests.factories import PartnerFactory
from tests.factories import UserFactory


def screened(participant, kind, day, by, scores: dict[str, int]) -> Screening:
    screening = Screening.objects.create(
        participant=participant, kind=kind, screened_on=day, screener=by
    )
    for substance, score in scores.items():
        risk = "high" if score >= 27 else "moderate" if score >= 4 else "low"
        SubstanceResult.objects.create(
            screening=screening, substance=substance, ever_used=True, score=score, risk=risk
        )
    return screening


@pytest.fixture
def leaving(facility, partner, petugas, kepala):
    enrollment = EnrollmentFactory(
        participant__facility=facility,
        participant__name="Rudi Hartono",
        participant__register_type=RegisterType.B_I,
        participant__nik="6471000000000099",
        cohort__programme__facility=facility,
        cohort__programme__partner=partner,
        status=Enrollment.Status.COMPLETED,
        ended_on=dt.date(2025, 12, 5),
    )
    participant = enrollment.participant
    for kind, day, scores in [
        (Screening.Kind.ENTRY, dt.date(2025, 11, 1), {"cannabis": 20, "amphetamines": 30}),
        (Screening.Kind.EXIT, dt.date(2025, 12, 4), {"cannabis": 6, "amphetamines": 12}),
    ]:
        screened(participant, kind, day, petugas, scores)
    for month, risks in ((11, ["boredom", "user_friends", "old_habits"]), (12, ["boredom"])):
        Evaluation.objects.create(
            enrollment=enrollment,
            kind=Evaluation.Kind.MONTHLY if month == 11 else Evaluation.Kind.EXIT,
            period=dt.date(2025, month, 1),
            motivation=3,
            emotional_control=3,
            social_support=4,
            unit_behaviour=4,
            relapse_risks=risks,
            recommendation=Evaluation.Recommendation.GRADUATE,
            author=kepala,
            status=ReviewStatus.APPROVED,
        )
    guarantor = PartnerFactory(name="Keluarga Besar Hartono", contact_name="Ibu Sari")
    IntegrationProgramme.objects.create(
        participant=participant,
        kind=IntegrationProgramme.Kind.PB,
        guarantor=guarantor,
        proposed_on=dt.date(2025, 11, 1),
        tpp_date=dt.date(2025, 11, 20),
        status=IntegrationProgramme.Status.APPROVED,
        decision="Disetujui",
        guarantor_statement="Siap membimbing",
    )
    return enrollment


@pytest.fixture
def other_office(other_facility):
    office = BapasOffice.objects.create(name="Bapas Kelas I Samarinda")
    office.facilities.add(other_facility)
    return office


@pytest.fixture
def bapas_other(other_office):
    return UserFactory(facility=None, bapas_office=other_office, role=Role.BAPAS)


@pytest.fixture
def handover(leaving, bapas_office, kepala):
    return handover_create(
        participant=leaving.participant,
        bapas_office=bapas_office,
        reason=Handover.Reason.PB,
        handed_over_on=dt.date(2025, 12, 31),
        recommendations="",
        include_nik=False,
        by=kepala,
    )
