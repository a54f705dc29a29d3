"""Every model that declares a scope, walked for every role: visible_to returns exactly its rows.

Two facilities in two regions, each with its own partner and Bapas office; one row of every
scoped model on each side. A user of side A sees side A's rows, or none when the model has no
path to what scopes that role.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.http import Http404

from aftercare.models import Handover
from participants.models import Certificate
from participants.models import ImportJob
from rutan.models import AuditEvent
from rutan.models import BapasOffice
from rutan.models import Region
from rutan.roles import Role
from rutan.scoping import ScopedQuerySet
from tests.factories import AgreementFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import FacilityFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ObservationFactory
from tests.factories import PartnerFactory
from tests.factories import ProgrammeEvaluationFactory
from tests.factories import ScreeningFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCOPED_MODELS = sorted(
    (m for m in apps.get_models() if isinstance(m._default_manager.all(), ScopedQuerySet)),
    key=lambda model: model._meta.label,
)


def _side(region: Region, n: int) -> dict:
    """One facility with its partner, Bapas office and one row of every scoped model."""
    facility = FacilityFactory(region=region)
    partner = PartnerFactory()
    bapas = BapasOffice.objects.create(name=f"Bapas Uji {n}")
    staff = UserFactory(facility=facility, role=Role.PETUGAS)
    enrollment = EnrollmentFactory(
        participant__facility=facility,
        cohort__programme__facility=facility,
        cohort__programme__partner=partner,
    )
    participant, cohort = enrollment.participant, enrollment.cohort
    session = SessionFactory(cohort=cohort)
    agreement = AgreementFactory(facility=facility, partner=partner)
    rows = {
        "rutan.region": region,
        "rutan.facility": facility,
        "rutan.auditevent": AuditEvent.objects.create(
            user=staff, facility=facility, action="view", object_type="x", object_id="1"
        ),
        "participants.participant": participant,
        "participants.enrollment": enrollment,
        "participants.consent": ConsentFactory(participant=participant),
        "participants.screening": ScreeningFactory(participant=participant),
        "participants.integrationprogramme": IntegrationProgrammeFactory(participant=participant),
        "participants.certificate": Certificate.objects.create(
            enrollment=enrollment,
            facility=facility,
            year=2025,
            sequence=n,
            number=f"SERT/{n}/2025",
            issued_on=dt.date(2025, 12, 5),
            issued_by=staff,
        ),
        "participants.importjob": ImportJob.objects.create(
            facility=facility, created_by=staff, source_name="a.xlsx", token="t", extension="xlsx"
        ),
        "rehab.programme": cohort.programme,
        "rehab.cohort": cohort,
        "rehab.agreement": agreement,
        "rehab.evaluation": EvaluationFactory(enrollment=enrollment),
        "rehab.programmeevaluation": ProgrammeEvaluationFactory(agreement=agreement),
        "rehab_sessions.session": session,
        "rehab_sessions.observation": ObservationFactory(session=session, participant=participant),
        "aftercare.handover": Handover.objects.create(
            participant=participant,
            bapas_office=bapas,
            reason=Handover.Reason.choices[0][0],
            handed_over_on=dt.date(2025, 12, 5),
            handed_over_by=staff,
        ),
    }
    users = {
        Role.PETUGAS: staff,
        Role.KEPALA: UserFactory(facility=facility, role=Role.KEPALA),
        Role.FASILITATOR: UserFactory(facility=None, partner=partner, role=Role.FASILITATOR),
        Role.KANWIL: UserFactory(facility=None, region=region, role=Role.KANWIL),
        Role.BAPAS: UserFactory(facility=None, bapas_office=bapas, role=Role.BAPAS),
    }
    return {"rows": rows, "users": users}


@pytest.fixture
def world(regions):
    a = _side(regions.get(code="64"), 1)
    b = _side(regions.get(code="63"), 2)
    everyone = {
        Role.ADMIN: UserFactory(facility=None, role=Role.ADMIN),
        Role.PUSAT: UserFactory(facility=None, role=Role.PUSAT),
    }
    return a, b, everyone


# What a facilitator reaches: what their partner delivers (never a person's file as such).
PARTNER_MODELS = {
    "participants.enrollment",
    "rehab.programme",
    "rehab.cohort",
    "rehab.agreement",
    "rehab.evaluation",
    "rehab.programmeevaluation",
    "rehab_sessions.session",
    "rehab_sessions.observation",
}
# What a Bapas user reaches: the handovers to their office.
BAPAS_MODELS = {"aftercare.handover"}


def _expected_of_a(model, role: str, a: dict, b: dict) -> set:
    """What a side-A user of `role` sees (admin and pusat: both sides)."""
    label = model._meta.label_lower
    mine = {a["rows"][label].pk}
    if role in (Role.ADMIN, Role.PUSAT):
        return mine | {b["rows"][label].pk}
    if role in (Role.PETUGAS, Role.KEPALA, Role.KANWIL):
        return mine
    if role == Role.FASILITATOR:
        return mine if label in PARTNER_MODELS else set()
    return mine if label in BAPAS_MODELS else set()  # Role.BAPAS


def test_it_walks_every_scoped_model_of_the_project(world):
    a, _b, _everyone = world
    assert {model._meta.label_lower for model in SCOPED_MODELS} == set(a["rows"])


@pytest.mark.parametrize("role", list(Role))
def test_it_shows_each_role_exactly_its_rows_of_every_model(world, role):
    a, b, everyone = world
    user = everyone.get(role) or a["users"][role]
    wrong = {}
    for model in SCOPED_MODELS:
        label = model._meta.label_lower
        seen = set(model._default_manager.all().visible_to(user).values_list("pk", flat=True))
        # Only the two sides' rows count: the 38 regions are loaded by a migration.
        seen &= {a["rows"][label].pk, b["rows"][label].pk}
        if seen != _expected_of_a(model, role, a, b):
            wrong[label] = seen
    assert wrong == {}


def test_it_answers_404_for_the_other_sides_row_of_every_model(world):
    a, b, _everyone = world
    for model in SCOPED_MODELS:
        theirs = b["rows"][model._meta.label_lower]
        with pytest.raises(Http404):
            model._default_manager.get_visible(a["users"][Role.PETUGAS], pk=theirs.pk)
