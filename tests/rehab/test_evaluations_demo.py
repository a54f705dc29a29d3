"""The demo step for evaluations: works with no participants, never duplicates."""

import datetime as dt

import pytest

from participants.models import IntegrationProgramme
from rehab import demo_evaluations
from rehab import demo_programme
from rehab.models import Agreement
from rehab.models import Evaluation
from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rutan import demo
from rutan.demo import DemoContext
from tests.factories import AgreementFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory


@pytest.fixture
def ctx(db):
    context = DemoContext()
    demo.seed(context)
    demo_programme.seed(context)
    return context


@pytest.mark.django_db
def test_it_seeds_nothing_and_fails_nothing_without_participants_or_agreement(ctx):
    demo_evaluations.seed(ctx)
    assert not Evaluation.objects.exists()
    assert not ProgrammeEvaluation.objects.exists()


@pytest.mark.django_db
def test_it_seeds_the_november_evaluations_once(ctx):
    balikpapan, sekata = ctx.facilities["rutan-balikpapan"], ctx.partners["sekata"]
    for n in range(9):
        EnrollmentFactory(
            cohort=ctx.extra["cohort"],
            participant=ParticipantFactory(
                facility=balikpapan, register_type="B.I" if n in (2, 5, 7) else "A.II"
            ),
        )
    AgreementFactory(facility=balikpapan, partner=sekata)
    for _ in range(2):
        demo_evaluations.seed(ctx)
    assert Evaluation.objects.count() == 9
    assert Evaluation.objects.filter(status=ReviewStatus.SUBMITTED).count() == 3
    assert Evaluation.objects.filter(status=ReviewStatus.APPROVED).count() == 6
    waiting = ProgrammeEvaluation.objects.get()
    assert waiting.status == ReviewStatus.SUBMITTED
    assert waiting.agreement == Agreement.objects.get()
    # Two convicts proposed, each on the advice of an approved evaluation; no detainee.
    proposals = IntegrationProgramme.objects.select_related("participant")
    assert proposals.count() == 2
    assert set(proposals.values_list("kind", flat=True)) == {"pb", "cb"}
    for proposal in proposals:
        assert proposal.participant.register_type == "B.I"
        evaluation = Evaluation.objects.get(enrollment__participant=proposal.participant)
        assert evaluation.recommendation == Evaluation.Recommendation.INTEGRATION
        assert evaluation.status == ReviewStatus.APPROVED
    assert not Evaluation.objects.filter(
        recommendation=Evaluation.Recommendation.INTEGRATION,
        enrollment__participant__register_type="A.II",
    ).exists()


@pytest.mark.django_db
def test_it_writes_an_exit_evaluation_for_each_completed_enrolment(ctx):
    balikpapan = ctx.facilities["rutan-balikpapan"]
    for status in ("completed", "completed", "active"):
        EnrollmentFactory(
            cohort=ctx.extra["cohort"],
            participant=ParticipantFactory(facility=balikpapan),
            status=status,
            ended_on=dt.date(2025, 12, 5) if status == "completed" else None,
        )
    demo_evaluations.seed(ctx)
    exits = Evaluation.objects.filter(kind=Evaluation.Kind.EXIT)
    assert exits.count() == 2
    assert set(exits.values_list("period", flat=True)) == {dt.date(2025, 12, 1)}
    assert set(exits.values_list("recommendation", flat=True)) <= {"graduate", "refer"}
