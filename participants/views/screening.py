"""ASSIST screening: the questionnaire and its result."""

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from participants import assist
from participants import selectors
from participants.forms import ScreeningForm
from participants.models import Consent
from participants.models import Screening
from participants.permissions import can_read
from participants.permissions import can_write
from participants.services import screening_record
from participants.views.common import guided_url
from participants.views.common import is_guided
from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.submissions import saved_once


@can_write
@require_http_methods(["GET", "POST"])
@saved_once
def screening_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_in_scope(request.user, pk)
    has_entry = participant.screenings.filter(kind=Screening.Kind.ENTRY).exists()
    form = ScreeningForm(
        request.POST or None,
        initial={
            "screened_on": timezone.localdate(),
            "kind": Screening.Kind.EXIT if has_entry else Screening.Kind.ENTRY,
        },
    )
    if request.method == "POST" and form.is_valid():
        screening = screening_record(
            participant=participant,
            kind=form.cleaned_data["kind"],
            screened_on=form.cleaned_data["screened_on"],
            screener=request.user,
            answers=form.answers(),
            injected=form.cleaned_data["injected"],
            notes=form.cleaned_data["notes"],
        )
        messages.success(request, _("Skrining ASSIST disimpan."))
        if is_guided(request):
            return redirect(guided_url("participants:screening_detail", screening.pk))
        return redirect("participants:screening_detail", pk=screening.pk)
    return render(
        request,
        "participants/screening_form.html",
        {
            "form": form,
            "participant": participant,
            "rows": form.substance_rows(),
            "question_1": assist.QUESTIONS[1],
            "guided_step": 2 if is_guided(request) else None,
        },
    )


@can_read
def screening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Scores, risk levels and the recommended route; the answers stay behind the
    audited "Tampilkan data sensitif" action on the participant's page."""
    screening = (
        Screening.objects.select_related("participant__facility", "screener")
        .prefetch_related("results")
        .get_visible(request.user, pk=pk)
    )
    results = sorted(screening.results.all(), key=lambda r: assist.SUBSTANCES.index(r.substance))
    # Health data (UU PDP Pasal 4): every opening is recorded.
    audit_record(
        user=request.user,
        action=AuditAction.SCREENING_VIEW,
        obj=screening,
        facility_id=screening.participant.facility_id,
    )
    return render(
        request,
        "participants/screening_detail.html",
        {
            "screening": screening,
            "participant": screening.participant,
            "used": [r for r in results if r.ever_used],
            "not_used": [r for r in results if not r.ever_used],
            "recommendations": assist.RECOMMENDATIONS,
            "guided_step": 2 if is_guided(request) else None,
            "guided_next": _guided_next(screening.participant) if is_guided(request) else "",
        },
    )


def _guided_next(participant) -> str:
    """After screening: record consent, or go straight to enrolment when it is on file."""
    if Consent.objects.filter(participant=participant).valid_on(timezone.localdate()).exists():
        return guided_url("participants:enrollment_bulk", peserta=participant.pk)
    return guided_url("participants:consent_create", participant.pk)
