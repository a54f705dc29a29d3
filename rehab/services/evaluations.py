"""Review steps of evaluations: each locks the row so two clicks cannot both decide."""

from collections.abc import Callable

from django.db import transaction

from rehab.models import Evaluation
from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rehab.selectors.evaluations import programme_evaluation_figures
from rutan.models import User
from rutan.notifications import notify_evaluation_reviewed


def _locked(model, pk: int):
    return model.objects.select_for_update().get(pk=pk)


@transaction.atomic
def evaluation_submit(*, evaluation: Evaluation | ProgrammeEvaluation) -> None:
    """Hand a draft (or a returned evaluation) to the kepala rutan."""
    fresh = _locked(type(evaluation), evaluation.pk)
    fresh.submit()
    evaluation.refresh_from_db()


def _decide(model, evaluation, step: Callable, *, approved: bool) -> None:
    """The kepala's decision `step` on the locked row; then the author hears of it."""
    step(_locked(model, evaluation.pk))
    evaluation.refresh_from_db()
    notify_evaluation_reviewed(evaluation=evaluation, approved=approved)


@transaction.atomic
def evaluation_approve(*, evaluation: Evaluation, by: User, comment: str = "") -> None:
    _decide(Evaluation, evaluation, lambda fresh: fresh.approve(by, comment), approved=True)


@transaction.atomic
def evaluation_return(
    *, evaluation: Evaluation | ProgrammeEvaluation, by: User, comment: str
) -> None:
    """Send back to the author with the kepala's comment."""
    _decide(type(evaluation), evaluation, lambda fresh: fresh.return_(by, comment), approved=False)


@transaction.atomic
def programme_evaluation_approve(
    *, evaluation: ProgrammeEvaluation, by: User, comment: str = ""
) -> None:
    """Approve and freeze the figures computed from the sessions, attendance and evaluations."""

    def approve(fresh: ProgrammeEvaluation) -> None:
        fresh.approve(by, comment, figures=programme_evaluation_figures(fresh).to_json())

    _decide(ProgrammeEvaluation, evaluation, approve, approved=True)


@transaction.atomic
def evaluations_approve_many(
    *, evaluations: list[Evaluation], by: User, comment: str = ""
) -> tuple[list[Evaluation], list[Evaluation]]:
    """Approve several evaluations at once; returns (approved, skipped).

    One the kepala confirmed but that changed meanwhile (returned or approved by someone
    else) is skipped and reported, not a failure of the whole step.
    """
    approved, skipped = [], []
    for fresh in (
        Evaluation.objects.select_for_update()
        .filter(pk__in=[e.pk for e in evaluations])
        .order_by("id")
    ):
        if fresh.status != ReviewStatus.SUBMITTED:
            skipped.append(fresh)
            continue
        fresh.approve(by, comment)
        approved.append(fresh)
        notify_evaluation_reviewed(evaluation=fresh, approved=True)
    return approved, skipped
