"""Consent and the enrolment lifecycle, from the participant's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from participants import selectors
from participants import services
from participants.forms import BulkEnrolmentForm
from participants.forms import ConsentForm
from participants.forms import ConsentWithdrawForm
from participants.forms import EnrollmentOpenForm
from participants.forms import TransitionForm
from participants.models import Consent
from participants.models import Enrollment
from participants.permissions import ENROL_ROLES
from participants.permissions import can_write
from participants.services import enrollment_open
from participants.services import enrollments_enrol_many
from participants.views.common import add_service_errors
from participants.views.common import detail_url
from participants.views.common import guided_url
from participants.views.common import is_guided
from participants.views.common import simple_form_page
from rutan.permissions import role_required
from rutan.submissions import saved_once
from rutan.versioning import StaleVersion
from rutan.versioning import form_status
from rutan.versioning import versioned_save


@can_write
@require_http_methods(["GET", "POST"])
@saved_once
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_in_scope(request.user, pk)
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        consent = form.save(commit=False)
        consent.participant = participant
        consent.recorded_by = request.user
        consent.save()
        messages.success(request, _("Persetujuan (informed consent) dicatat."))
        if is_guided(request):
            return redirect(guided_url("participants:enrollment_bulk", peserta=participant.pk))
        return redirect("participants:detail", pk=participant.pk)
    return simple_form_page(
        request,
        form,
        participant,
        title=_("Catat persetujuan (informed consent)"),
        intro=_(
            "Catat hanya setelah warga binaan menerima penjelasan tentang program, "
            "kerahasiaan datanya dan haknya untuk berhenti kapan saja, lalu menandatangani "
            "formulir persetujuan. Simpan formulir kertasnya di berkas pembinaan."
        ),
        submit=_("Simpan persetujuan"),
        guided_step=3 if is_guided(request) else None,
    )


@can_write
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = Consent.objects.select_related("participant").get_visible(request.user, pk=pk)
    active_cohorts = list(
        Enrollment.objects.filter(
            participant_id=consent.participant_id, status=Enrollment.Status.ACTIVE
        ).values_list("cohort__name", flat=True)
    )
    form = ConsentWithdrawForm(
        request.POST or None,
        initial={"withdrawn_on": timezone.localdate()},
        active_cohorts=active_cohorts,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.consent_withdraw(
                consent=consent,
                on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["reason"],
                enrollment_action=form.cleaned_data.get("enrollment_action", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.warning(request, _("Persetujuan dicabut."))
            for enrollment in changed:
                messages.warning(
                    request,
                    _("Status di %(cohort)s sekarang: %(status)s.")
                    % {"cohort": enrollment.cohort.name, "status": enrollment.get_status_display()},
                )
            return redirect("participants:detail", pk=consent.participant_id)
    return simple_form_page(
        request,
        form,
        consent.participant,
        title=_("Cabut persetujuan"),
        submit=_("Cabut persetujuan"),
        danger=True,
    )


@can_write
@require_POST
@saved_once
def enrollment_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_in_scope(request.user, pk)
    form = EnrollmentOpenForm(request.POST, cohorts=selectors.cohorts_open_to(participant))
    if not form.is_valid():
        messages.error(request, _("Pilih angkatan yang masih berjalan."))
        return redirect("participants:detail", pk=participant.pk)
    cohort = form.cleaned_data["cohort"]
    try:
        enrollment = enrollment_open(participant=participant, cohort=cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("participants:detail", pk=participant.pk)
    messages.success(
        request, _("Dicatat sebagai calon peserta %(cohort)s.") % {"cohort": cohort.name}
    )
    for warning in selectors.cohort_warnings(participant, cohort):
        messages.warning(request, warning)
    return redirect(detail_url(participant.pk, f"enrollment-{enrollment.pk}"))


@can_write
@require_http_methods(["GET", "POST"])
@saved_once
def enrollment_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the lifecycle (enrol, activate, complete, drop out, transfer, release)."""
    if action not in Enrollment.TRANSITIONS:
        raise Http404
    enrollment = Enrollment.objects.select_related("participant", "cohort").get_visible(
        request.user, pk=pk
    )
    form = TransitionForm(
        request.POST or None,
        action=action,
        initial={"on": timezone.localdate(), "version": enrollment.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            versioned_save(
                enrollment,
                expected_version=form.seen_version,
                save=lambda: getattr(enrollment, action)(
                    on=form.cleaned_data["on"], reason=form.cleaned_data["reason"]
                ),
            )
        except StaleVersion as stale:
            form.show_stale(stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Status di %(cohort)s sekarang: %(status)s.")
                % {"cohort": enrollment.cohort.name, "status": enrollment.get_status_display()},
            )
            return redirect(detail_url(enrollment.participant_id, f"enrollment-{enrollment.pk}"))
    participant = enrollment.participant
    warnings = []
    if action == "activate":
        warnings = selectors.cohort_warnings(participant, enrollment.cohort)
    return simple_form_page(
        request,
        form,
        participant,
        title=f"{Enrollment.ACTION_LABELS[action]} — {enrollment.cohort.name}",
        intro=_("Status sekarang: %(status)s.") % {"status": enrollment.get_status_display()},
        warnings=warnings,
        submit=Enrollment.ACTION_LABELS[action],
        danger=action in ("drop_out", "transfer", "release"),
        status=form_status(form),
    )


@role_required(*ENROL_ROLES)
@require_http_methods(["GET", "POST"])
@saved_once
def enrollment_bulk(request: HttpRequest) -> HttpResponse:
    """Tick several screened participants, pick a cohort, enrol (and activate) them at once."""
    waiting = selectors.awaiting_enrolment(request.user)
    cohorts = selectors.cohorts_taking_enrolments(request.user)
    chosen = request.GET.getlist("peserta")
    form = BulkEnrolmentForm(
        request.POST or None,
        participants=waiting,
        cohorts=cohorts,
        initial={
            "on": timezone.localdate(),
            "activate": True,
            "participants": [pk for pk in chosen if pk.isdigit()],
            # The cohort asked for, else the one starting first (usually the running one).
            "cohort": request.GET.get("angkatan") or getattr(cohorts.first(), "pk", None),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = enrollments_enrol_many(
                participants=list(data["participants"]),
                cohort=data["cohort"],
                on=data["on"],
                activate=data["activate"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _report_bulk(request, result, data["cohort"])
            if len(result.enrolled) == 1:
                enrollment = result.enrolled[0]
                return redirect(
                    detail_url(enrollment.participant_id, f"enrollment-{enrollment.pk}")
                )
            return redirect("rehab:cohort_detail", pk=data["cohort"].pk)
    return render(
        request,
        "participants/enrollment_bulk.html",
        {
            "form": form,
            "waiting": list(waiting),
            "selected": {str(pk) for pk in form["participants"].value() or []},
            "guided": is_guided(request),
        },
    )


def _report_bulk(request: HttpRequest, result, cohort) -> None:
    messages.success(
        request,
        _("%(n)s warga binaan terdaftar di %(cohort)s; %(active)s langsung aktif.")
        % {"n": len(result.enrolled), "cohort": cohort.name, "active": len(result.activated)},
    )
    for participant, reason in result.not_activated:
        messages.warning(
            request,
            _("%(name)s terdaftar tetapi belum aktif: %(reason)s")
            % {"name": participant.name, "reason": reason},
        )
