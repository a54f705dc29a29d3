"""Participant and programme evaluations: writing, submitting, the kepala's approval.

Who does what (DESIGN.md, issue "Evaluations and reports"):
- a facilitator writes and submits evaluations of their own partner's participants and the
  programme evaluation of their partner's agreements;
- the kepala rutan approves or returns both kinds (participant evaluations too, so that what
  reaches the monthly report and the review board has been seen by the head of the facility);
- petugas see the due list and read evaluations of their facility; admins read everything.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count
from django.db.models import Q
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import QueryDict
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rehab.filters import ApprovalQueueFilter
from rehab.filters import EvaluationFilter
from rehab.forms.evaluations import EvaluationForm
from rehab.forms.evaluations import ProgrammeEvaluationForm
from rehab.forms.evaluations import ReviewForm
from rehab.models import Evaluation
from rehab.models import ProgrammeEvaluation
from rehab.models import RelapseRisk
from rehab.models import ReviewError
from rehab.models import ReviewStatus
from rehab.permissions import EVALUATION_READERS
from rehab.reports.activity import evaluation_domains
from rehab.selectors import evaluations as selectors
from rehab.services import evaluations as services
from rutan.dates import query_month
from rutan.dates import today_for
from rutan.pagination import paginate
from rutan.permissions import role_required
from rutan.roles import Role
from rutan.submissions import saved_once
from rutan.versioning import StaleVersion
from rutan.versioning import form_status
from rutan.versioning import versioned_save


@role_required(*EVALUATION_READERS)
def evaluation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    evaluations = selectors.evaluations_for(user).order_by(
        "-period", "enrollment__participant__name"
    )
    filterset = EvaluationFilter(request.GET or None, queryset=evaluations)
    evaluations = filterset.qs
    status, month = filterset.chosen
    counts = selectors.evaluations_for(user).aggregate(
        waiting=Count("id", filter=Q(status=ReviewStatus.SUBMITTED)),
        returned=Count("id", filter=Q(status=ReviewStatus.RETURNED)),
        drafts=Count("id", filter=Q(status=ReviewStatus.DRAFT)),
    )
    page = paginate(request, evaluations, 50)
    programme_evaluations = selectors.programme_evaluations_for(user).order_by(
        "-period_start", "-id"
    )[:50]
    return render(
        request,
        "rehab/evaluation_list.html",
        {
            "due": selectors.due_evaluations(user, today=today_for(request.user)),
            "page": page,
            "counts": counts,
            "status": status,
            "month": month,
            "statuses": ReviewStatus.choices,
            "programme_evaluations": programme_evaluations,
            "can_write": user.has_role(Role.FASILITATOR),
            "can_review": user.has_role(Role.KEPALA),
        },
    )


def _form_page(request, template: str, context: dict) -> HttpResponse:
    return render(request, template, context, status=form_status(context["form"], invalid=400))


def _save_form(form):
    """Save a new evaluation, or an edited one only if nobody saved it since it was opened."""
    if form.instance.pk is None:
        return form.save()
    return versioned_save(
        form.instance, expected_version=form.seen_version, save=form.save, fields=form.fields
    )


def _not_editable(request, detail: str, pk: int) -> HttpResponse:
    """Back to the evaluation's page: under review or approved, it can no longer be edited."""
    messages.warning(
        request, _("Evaluasi ini sedang ditinjau atau sudah disetujui sehingga tidak dapat diubah.")
    )
    return redirect(detail, pk=pk)


def _save_evaluation(request, form, kind: str = "evaluation") -> HttpResponse:
    """Save the form of an evaluation of that kind; its "submit" button submits it too."""
    evaluation = _save_form(form)
    review = REVIEW_KINDS[kind]
    if request.POST.get("action") == "submit":
        services.evaluation_submit(evaluation=evaluation)
        messages.success(request, str(review.saved["submit"]))
    else:
        messages.success(request, str(review.saved["draft"]))
    return redirect(review.detail, pk=evaluation.pk)


@role_required(Role.FASILITATOR)
@saved_once
def evaluation_create(request: HttpRequest, enrollment_pk: int) -> HttpResponse:
    enrollment = selectors.get_enrollment(request.user, enrollment_pk)
    instance = Evaluation(enrollment=enrollment, author=request.user)
    if request.method == "POST":
        form = EvaluationForm(
            request.POST, instance=instance, enrollment=enrollment, today=today_for(request.user)
        )
        if form.is_valid():
            return _save_evaluation(request, form)
    else:
        kind = request.GET.get("jenis")
        initial = {
            "kind": kind if kind in Evaluation.Kind.values else Evaluation.Kind.MONTHLY,
            "period": query_month(request.GET.get("bulan"))
            or today_for(request.user).replace(day=1),
        }
        previous = enrollment.evaluations.order_by("-period", "-id").first()
        if previous and previous.knowledge_post is not None:
            # Last month's post-test is this month's starting point.
            initial["knowledge_pre"] = previous.knowledge_post
        form = EvaluationForm(
            instance=instance, initial=initial, enrollment=enrollment, today=today_for(request.user)
        )
    return _form_page(
        request,
        "rehab/evaluation_form.html",
        {"form": form, "enrollment": enrollment, "evaluation": None},
    )


@role_required(Role.FASILITATOR)
@saved_once
def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_evaluation(request.user, pk)
    if not evaluation.is_editable:
        return _not_editable(request, "rehab:evaluation_detail", pk)
    enrollment = evaluation.enrollment
    if request.method == "POST":
        form = EvaluationForm(
            request.POST, instance=evaluation, enrollment=enrollment, today=today_for(request.user)
        )
        if form.is_valid():
            try:
                return _save_evaluation(request, form)
            except StaleVersion as stale:
                form.show_stale(stale)
    else:
        form = EvaluationForm(
            instance=evaluation, enrollment=enrollment, today=today_for(request.user)
        )
    return _form_page(
        request,
        "rehab/evaluation_form.html",
        {"form": form, "enrollment": enrollment, "evaluation": evaluation},
    )


@role_required(*EVALUATION_READERS)
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_evaluation(request.user, pk)
    chosen = set(evaluation.relapse_risks)
    from_queue = QUEUE_PARAM in request.GET
    queue = selectors.approval_queue(request.user, QueryDict(request.GET.get(QUEUE_PARAM, "")))
    return render(
        request,
        "rehab/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "checklist": [(label, code in chosen) for code, label in RelapseRisk.choices],
            "history": selectors.history_lines(evaluation),
            "review_form": ReviewForm(),
            "review": selectors.review_context(evaluation),
            "queue_query": queue.as_query() if from_queue else None,
            "can_write": request.user.has_role(Role.FASILITATOR) and evaluation.is_editable,
            "can_review": request.user.has_role(Role.KEPALA)
            and evaluation.status == ReviewStatus.SUBMITTED,
        },
    )


# The kepala's approvals queue: what waits, filtered; decisions lead to the next one.

QUEUE_PARAM = "antrean"


def _queue_url(queue: ApprovalQueueFilter) -> str:
    query = queue.as_query()
    return reverse("rehab:approval_queue") + (f"?{query}" if query else "")


def _in_queue_url(evaluation_pk: int, queue: ApprovalQueueFilter) -> str:
    return (
        reverse("rehab:evaluation_detail", args=[evaluation_pk])
        + "?"
        + urlencode({QUEUE_PARAM: queue.as_query()})
    )


@role_required(Role.KEPALA)
def approval_queue(request: HttpRequest) -> HttpResponse:
    queue = selectors.approval_queue(request.user, request.GET)
    waiting = list(queue.qs[:200])
    for evaluation in waiting:
        evaluation.queue_url = _in_queue_url(evaluation.pk, queue)
    return render(
        request,
        "rehab/approval_queue.html",
        {
            "waiting": waiting,
            "queue": queue,
            "queue_query": queue.as_query(),
            "cohorts": selectors.queue_cohorts(request.user),
            "programme_evaluations": selectors.programme_evaluations_for(request.user)
            .filter(status=ReviewStatus.SUBMITTED)
            .order_by("submitted_at"),
        },
    )


@require_POST
@role_required(Role.KEPALA)
def approval_queue_approve(request: HttpRequest) -> HttpResponse:
    """Approve the ticked evaluations, after one confirmation page listing them."""
    queue = selectors.approval_queue(request.user, QueryDict(request.POST.get(QUEUE_PARAM, "")))
    ids = [pk for pk in request.POST.getlist("evaluasi") if pk.isdigit()]
    chosen = list(selectors.approval_queue(request.user).qs.filter(pk__in=ids))
    if not chosen:
        messages.error(request, _("Centang sedikitnya satu evaluasi yang akan disetujui."))
        return redirect(_queue_url(queue))
    if request.POST.get("confirm") != "1":
        return render(
            request,
            "rehab/approval_confirm.html",
            {"chosen": chosen, "queue_query": queue.as_query()},
        )
    approved, skipped = services.evaluations_approve_many(evaluations=chosen, by=request.user)
    messages.success(request, _("%(n)s evaluasi disetujui.") % {"n": len(approved)})
    if skipped:
        messages.warning(
            request,
            _("%(n)s evaluasi dilewati karena statusnya sudah berubah.") % {"n": len(skipped)},
        )
    return redirect(_queue_url(queue))


def _review(request, obj, step, done_message: str, detail_url: str) -> HttpResponse:
    """Run one review step; a step the status does not allow is explained, never a 500.

    From the approvals queue, a decision leads to the next evaluation waiting under the same
    filter, or back to the queue when none is left.
    """
    form = ReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    from_queue = QUEUE_PARAM in request.POST and isinstance(obj, Evaluation)
    queue = selectors.approval_queue(request.user, QueryDict(request.POST.get(QUEUE_PARAM, "")))
    try:
        step(comment)
    except ReviewError as error:
        messages.error(request, str(error.args[0]))
        return redirect(_in_queue_url(obj.pk, queue) if from_queue else detail_url)
    messages.success(request, done_message)
    if from_queue:
        following = selectors.next_waiting(queue, after=obj.pk)
        if following is None:
            messages.info(request, _("Tidak ada lagi evaluasi yang menunggu di antrean ini."))
            return redirect(_queue_url(queue))
        return redirect(_in_queue_url(following.pk, queue))
    return redirect(detail_url)


# Programme evaluations (evaluasi berkala per PKS)


@role_required(Role.FASILITATOR)
@saved_once
def programme_evaluation_create(request: HttpRequest) -> HttpResponse:
    agreements = selectors.agreements_for(request.user)
    instance = ProgrammeEvaluation(author=request.user)
    if request.method == "POST":
        form = ProgrammeEvaluationForm(request.POST, instance=instance, agreements=agreements)
        if form.is_valid():
            return _save_evaluation(request, form, "programme")
    else:
        form = ProgrammeEvaluationForm(instance=instance, agreements=agreements)
    return _form_page(
        request, "rehab/evaluation_programme_form.html", {"form": form, "evaluation": None}
    )


@role_required(Role.FASILITATOR)
@saved_once
def programme_evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_programme_evaluation(request.user, pk)
    if not evaluation.is_editable:
        return _not_editable(request, "rehab:programme_evaluation_detail", pk)
    agreements = selectors.agreements_for(request.user)
    if request.method == "POST":
        form = ProgrammeEvaluationForm(request.POST, instance=evaluation, agreements=agreements)
        if form.is_valid():
            try:
                return _save_evaluation(request, form, "programme")
            except StaleVersion as stale:
                form.show_stale(stale)
    else:
        form = ProgrammeEvaluationForm(instance=evaluation, agreements=agreements)
    return _form_page(
        request,
        "rehab/evaluation_programme_form.html",
        {"form": form, "evaluation": evaluation},
    )


@role_required(*EVALUATION_READERS)
def programme_evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_programme_evaluation(request.user, pk)
    return render(
        request,
        "rehab/evaluation_programme_detail.html",
        {
            "evaluation": evaluation,
            "figures": selectors.programme_evaluation_figures(evaluation),
            "domains": evaluation_domains(),
            "history": selectors.history_lines(evaluation),
            "review_form": ReviewForm(),
            "can_write": request.user.has_role(Role.FASILITATOR) and evaluation.is_editable,
            "can_review": request.user.has_role(Role.KEPALA)
            and evaluation.status == ReviewStatus.SUBMITTED,
        },
    )


# One review view for both kinds of evaluation: the URL names the kind and the step.


@dataclass(frozen=True)
class ReviewKind:
    """One kind of evaluation under review: how to fetch it, its page, its approval, its messages
    (`done` after a review step, `saved` after its form is saved as a draft or submitted)."""

    fetch: Callable[[Any, int], Any]
    detail: str
    approve: Callable[..., object]
    done: dict[str, str]
    saved: dict[str, str]


REVIEW_ROLES = {"submit": Role.FASILITATOR, "approve": Role.KEPALA, "return": Role.KEPALA}
REVIEW_KINDS = {
    "evaluation": ReviewKind(
        selectors.get_evaluation,
        "rehab:evaluation_detail",
        services.evaluation_approve,
        {
            "submit": gettext_lazy("Evaluasi diajukan ke kepala rutan."),
            "approve": gettext_lazy("Evaluasi disetujui."),
            "return": gettext_lazy("Evaluasi dikembalikan kepada fasilitator dengan catatan."),
        },
        {
            "submit": gettext_lazy("Evaluasi disimpan dan diajukan ke kepala rutan."),
            "draft": gettext_lazy("Evaluasi disimpan sebagai draf."),
        },
    ),
    "programme": ReviewKind(
        selectors.get_programme_evaluation,
        "rehab:programme_evaluation_detail",
        services.programme_evaluation_approve,
        {
            "submit": gettext_lazy("Evaluasi program diajukan ke kepala rutan."),
            "approve": gettext_lazy("Evaluasi program disetujui; angka-angkanya kini dibekukan."),
            "return": gettext_lazy("Evaluasi program dikembalikan dengan catatan."),
        },
        {
            "submit": gettext_lazy("Evaluasi program disimpan dan diajukan ke kepala rutan."),
            "draft": gettext_lazy("Evaluasi program disimpan sebagai draf."),
        },
    ),
}


def _review_run(kind: ReviewKind, step: str, evaluation, by, comment: str) -> None:
    if step == "submit":
        services.evaluation_submit(evaluation=evaluation)
    elif step == "approve":
        kind.approve(evaluation=evaluation, by=by, comment=comment)
    else:
        services.evaluation_return(evaluation=evaluation, by=by, comment=comment)


@require_POST
def evaluation_review(request: HttpRequest, pk: int, kind: str, step: str) -> HttpResponse:
    """Submit, approve or return an evaluation of either kind, for the role the step needs."""
    return role_required(REVIEW_ROLES[step])(_review_step)(request, pk, REVIEW_KINDS[kind], step)


def _review_step(request: HttpRequest, pk: int, kind: ReviewKind, step: str) -> HttpResponse:
    evaluation = kind.fetch(request.user, pk)
    return _review(
        request,
        evaluation,
        lambda comment: _review_run(kind, step, evaluation, request.user, comment),
        str(kind.done[step]),
        reverse(kind.detail, args=[pk]),
    )
