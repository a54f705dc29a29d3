"""Every evaluation, dashboard and report URL, for every role: 200, 302, 403 or 404 as designed."""

import pytest
from django.urls import reverse

from rehab.models import ReviewStatus
from tests.factories import AgreementFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ProgrammeEvaluationFactory

OK, MOVED, FORBIDDEN, MISSING = 200, 302, 403, 404

# Expected status per URL for: petugas, fasilitator, kepala, admin, petugas and facilitator of
# the other facility/partner, nobody signed in (sent to the login page), then the oversight
# roles: the Kanwil of the facility's region, Ditjenpas, and the Kanwil of another region.
ROLES = [
    "petugas",
    "fasilitator",
    "kepala",
    "admin_user",
    "petugas_other",
    "fasilitator_other",
    None,
    "kanwil",
    "pusat",
    "kanwil_other",
]


def row(**statuses):
    """A MATRIX row: FORBIDDEN for each role not named, MOVED for nobody signed in."""
    return [MOVED if role is None else statuses.get(role, FORBIDDEN) for role in ROLES]


FACILITATOR_EDITS = row(fasilitator=OK, fasilitator_other=MISSING)
HEAD_DECIDES = row(kepala=MOVED)
IN_SCOPE_READS = row(
    petugas=OK,
    fasilitator=OK,
    kepala=OK,
    admin_user=OK,
    petugas_other=MISSING,
    fasilitator_other=MISSING,
)
OVERSIGHT = row(kepala=OK, admin_user=OK, kanwil=OK, pusat=OK, kanwil_other=OK)
MATRIX = {
    "list": row(
        petugas=OK, fasilitator=OK, kepala=OK, admin_user=OK, petugas_other=OK, fasilitator_other=OK
    ),
    "create": FACILITATOR_EDITS,
    "detail": IN_SCOPE_READS,
    "edit": FACILITATOR_EDITS,
    "submit": row(fasilitator=MOVED, fasilitator_other=MISSING),
    "approve": HEAD_DECIDES,
    "return": HEAD_DECIDES,
    "programme_create": row(fasilitator=OK, fasilitator_other=OK),
    "programme_detail": IN_SCOPE_READS,
    "programme_edit": FACILITATOR_EDITS,
    "programme_approve": HEAD_DECIDES,
    "dashboard": OVERSIGHT,
    "report_index": OVERSIGHT,
    "report_monthly": row(kepala=OK, admin_user=OK, kanwil=OK, pusat=OK, kanwil_other=MISSING),
}
POSTS = {"submit", "approve", "return", "programme_approve"}


@pytest.fixture
def urls(facility, partner):
    cohort = CohortFactory(programme__facility=facility, programme__partner=partner)
    enrollment = EnrollmentFactory(cohort=cohort, participant__facility=facility)
    draft = EvaluationFactory(enrollment=enrollment, status=ReviewStatus.DRAFT)
    waiting = EvaluationFactory(enrollment=enrollment, kind="exit")
    agreement = AgreementFactory(facility=facility, partner=partner)
    programme_draft = ProgrammeEvaluationFactory(agreement=agreement, status=ReviewStatus.DRAFT)
    programme_waiting = ProgrammeEvaluationFactory(
        agreement=agreement, period_end=programme_draft.period_end.replace(day=6)
    )
    IntegrationProgrammeFactory(participant=enrollment.participant)
    return {
        "list": reverse("rehab:evaluation_list"),
        "create": reverse("rehab:evaluation_create", args=[enrollment.pk]),
        "detail": reverse("rehab:evaluation_detail", args=[waiting.pk]),
        "edit": reverse("rehab:evaluation_edit", args=[draft.pk]),
        "submit": reverse("rehab:evaluation_submit", args=[draft.pk]),
        "approve": reverse("rehab:evaluation_approve", args=[waiting.pk]),
        "return": reverse("rehab:evaluation_return", args=[waiting.pk]),
        "programme_create": reverse("rehab:programme_evaluation_create"),
        "programme_detail": reverse("rehab:programme_evaluation_detail", args=[programme_draft.pk]),
        "programme_edit": reverse("rehab:programme_evaluation_edit", args=[programme_draft.pk]),
        "programme_approve": reverse(
            "rehab:programme_evaluation_approve", args=[programme_waiting.pk]
        ),
        "dashboard": reverse("rehab:dashboard"),
        "report_index": reverse("rehab:report_index"),
        "report_monthly": reverse("rehab:report_monthly", args=[facility.code, 2025, 11]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("index,role", list(enumerate(ROLES)))
def test_it_answers_each_role_as_designed(login_as, client, urls, index, role):
    if role:
        login_as(role)
    found = {}
    for name, url in urls.items():
        response = client.post(url) if name in POSTS else client.get(url)
        found[name] = response.status_code
    assert found == {name: statuses[index] for name, statuses in MATRIX.items()}
