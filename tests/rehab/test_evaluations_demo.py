"""The demo step for evaluations: works with no participants, never duplicates."""

import pytest

from participants.models import IntegrationProgramme
from rehab import demo_evaluations, demo_programme
from rehab.models import Agreement, Evaluation, ProgrammeEvaluation, ReviewStatus
from rutan import demo
from rutan.demo import DemoContext
from tests.factories import AgreementFactory, EnrollmentFactory, ParticipantFactory


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
    for _ in range(9):
        EnrollmentFactory(
            cohort=ctx.extra["cohort"], participant=ParticipantFactory(facility=balikpapan)
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
    proposals = IntegrationProgramme.objects.all()
    assert proposals.count() == 2
    assert set(proposals.values_list("kind", flat=True)) == {"pb", "cb"}
