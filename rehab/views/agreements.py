"""The PKS register: list, page with deliverables, registration, approval, termination, addenda.

Who may do what (see also the report of this feature):
- administrator: every facility; registers and edits agreements, uploads documents, adds addenda;
- kepala: their own facility; the same, plus approving (activating) and terminating;
- fasilitator: their own partner's agreements, read-only (document download included);
- petugas: no access (403): agreements are the head's and the administrator's business.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rehab.documents import MAX_DOCUMENT_BYTES
from rehab.documents import document_response
from rehab.filters import AgreementFilter
from rehab.forms.agreements import DEFAULT_LEGAL_BASIS
from rehab.forms.agreements import STANDARD_SCOPE
from rehab.forms.agreements import AddendumForm
from rehab.forms.agreements import AgreementForm
from rehab.forms.agreements import AgreementTerminateForm
from rehab.models import Agreement
from rehab.models.agreements import AgreementError
from rehab.permissions import AGREEMENT_EDITORS
from rehab.permissions import AGREEMENT_READERS
from rehab.permissions import AGREEMENT_READERS_ACROSS_FACILITIES
from rehab.permissions import PARTNER_READERS
from rehab.selectors import agreements as selectors
from rehab.selectors.partners import partners_visible_to
from rehab.services.agreements import addendum_add
from rehab.services.agreements import agreement_save
from rutan.audit import AuditAction
from rutan.audit import audit_facility_record
from rutan.filtering import accepted
from rutan.middleware import UPLOAD_FORM_OVERHEAD
from rutan.middleware import body_limit
from rutan.pagination import paginate
from rutan.permissions import role_required
from rutan.roles import Role
from rutan.submissions import saved_once
from rutan.versioning import form_status

PAGE_SIZE = 25


def _can_edit(user, agreement: Agreement) -> bool:
    return user.has_role(*AGREEMENT_EDITORS) and not agreement.is_terminated


def _get_editable(user, pk: int) -> Agreement:
    """The agreement in the user's scope (else 404), if the user may still edit it (else 403)."""
    agreement = selectors.get_agreement_for(user, pk)
    if not _can_edit(user, agreement):
        raise PermissionDenied
    return agreement


@role_required(*AGREEMENT_READERS)
def agreement_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    partners = partners_visible_to(user).order_by("name")
    filterset = AgreementFilter(
        request.GET or None, queryset=selectors.agreement_list(user), user=user, partners=partners
    )
    agreements = filterset.qs
    page = paginate(request, agreements, PAGE_SIZE)
    return render(
        request,
        "rehab/agreement_list.html",
        {
            "filter_form": filterset.form,
            "filtered": any(accepted(filterset).values()),
            "page": page,
            "can_create": user.has_role(*AGREEMENT_EDITORS),
            "can_see_partners": user.has_role(*PARTNER_READERS),
            "show_facility": user.has_role(*AGREEMENT_READERS_ACROSS_FACILITIES),
        },
    )


@role_required(*AGREEMENT_READERS)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = selectors.get_agreement_for(user, pk)
    is_kepala = user.has_role(Role.KEPALA)
    return render(
        request,
        "rehab/agreement_detail.html",
        {
            "agreement": agreement,
            "deliverables": selectors.agreement_deliverables(agreement),
            "history": selectors.agreement_history(agreement),
            "can_edit": _can_edit(user, agreement),
            "can_approve": is_kepala and not agreement.is_approved and not agreement.is_terminated,
            "can_terminate": is_kepala and not agreement.is_terminated,
            "can_see_partner": user.has_role(*PARTNER_READERS),
            "days_left": agreement.days_left(),
        },
    )


@body_limit(MAX_DOCUMENT_BYTES + UPLOAD_FORM_OVERHEAD)
@role_required(*AGREEMENT_EDITORS)
@saved_once
def agreement_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = AgreementForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            agreement = _save(form)
            messages.success(
                request,
                _(
                    "PKS %(number)s tersimpan sebagai draf. Kepala UPT menyetujuinya untuk mengaktifkan."
                )
                % {"number": agreement.facility_number},
            )
            return redirect("rehab:agreement_detail", pk=agreement.pk)
    else:
        form = AgreementForm(user=user)
        form.initial.update(_initial_for_new(request, form))
    return render(request, "rehab/agreement_form.html", {"form": form, "agreement": None})


def _initial_for_new(request: HttpRequest, form: AgreementForm) -> dict:
    """Sensible starting values: the usual legal basis and scope, the known signatories."""
    user = request.user
    initial = {
        "legal_basis": DEFAULT_LEGAL_BASIS,
        "scope_standard": [kind.value for kind in STANDARD_SCOPE],
        "title": _("Perjanjian Kerja Sama Program Rehabilitasi Pemasyarakatan"),
    }
    if user.facility_id:
        initial["facility_signatory"] = user.facility.head_name
        initial["signed_place"] = user.facility.city
    partner_id = request.GET.get("partner", "")
    if partner_id.isdigit():
        # Only a partner the form offers anyway (the link from a partner's page).
        partner = form.fields["partner"].queryset.filter(pk=partner_id).first()
        if partner:
            initial.update(
                partner=partner,
                partner_signatory=partner.leader_name,
                partner_signatory_title=partner.leader_title,
            )
    return initial


def _save(form: AgreementForm) -> Agreement:
    return agreement_save(
        agreement=form.save(commit=False),
        scope=form.scope_lines(),
        programmes=form.cleaned_data["programmes"],
        document=form.cleaned_data.get("document"),
        document_info=form.document_info,
    )


@body_limit(MAX_DOCUMENT_BYTES + UPLOAD_FORM_OVERHEAD)
@role_required(*AGREEMENT_EDITORS)
@saved_once
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agreement = _get_editable(user, pk)
    if request.method == "POST":
        form = AgreementForm(request.POST, request.FILES, instance=agreement, user=user)
        if form.is_valid() and form.save_versioned(agreement, lambda: _save(form)):
            messages.success(request, _("Perubahan PKS tersimpan."))
            return redirect("rehab:agreement_detail", pk=agreement.pk)
    else:
        form = AgreementForm(instance=agreement, user=user)
    return render(
        request,
        "rehab/agreement_form.html",
        {"form": form, "agreement": agreement},
        status=form_status(form),
    )


@role_required(*AGREEMENT_READERS)
def agreement_document(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement_for(request.user, pk)
    response = document_response(agreement.document, filename=agreement.document_download_name)
    audit_facility_record(request.user, AuditAction.AGREEMENT_DOWNLOAD_DOCUMENT, agreement)
    return response


@require_POST
@role_required(Role.KEPALA)
def agreement_activate(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement_for(request.user, pk)
    try:
        agreement.activate(by=request.user)
    except AgreementError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("PKS disetujui. Statusnya kini: %(status)s.") % {"status": agreement.status_label},
        )
    return redirect("rehab:agreement_detail", pk=agreement.pk)


@role_required(Role.KEPALA)
def agreement_terminate(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement_for(request.user, pk)
    if agreement.is_terminated:
        messages.info(request, _("PKS ini sudah diakhiri."))
        return redirect("rehab:agreement_detail", pk=agreement.pk)
    form = AgreementTerminateForm(_posted(request), initial={"terminated_on": timezone.localdate()})
    return _agreement_step_page(
        request,
        agreement,
        form,
        step=lambda data: agreement.terminate(
            reason=data["reason"], on=data["terminated_on"], by=request.user
        ),
        done=_("PKS telah diakhiri."),
        template="rehab/agreement_terminate.html",
    )


@role_required(*AGREEMENT_EDITORS)
@saved_once
def agreement_addendum_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _get_editable(request.user, pk)
    form = AddendumForm(_posted(request), agreement=agreement)
    return _agreement_step_page(
        request,
        agreement,
        form,
        step=lambda _data: addendum_add(
            agreement=agreement, addendum=form.save(commit=False), by=request.user
        ),
        done=_("Adendum tercatat."),
        template="rehab/agreement_addendum_form.html",
    )


def _posted(request: HttpRequest):
    """The submitted data on a POST (the form is bound even when it came empty), else None."""
    return request.POST if request.method == "POST" else None


def _agreement_step_page(
    request: HttpRequest, agreement: Agreement, form, *, step, done: str, template: str
) -> HttpResponse:
    """The page of a form that takes one step on `agreement`: a valid POST runs `step` with the
    form's data; the agreement's refusal (AgreementError) shows on the form, success goes back to
    the agreement's page saying `done`."""
    if request.method == "POST" and form.is_valid():
        try:
            step(form.cleaned_data)
        except AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("rehab:agreement_detail", pk=agreement.pk)
    return render(request, template, {"form": form, "agreement": agreement})
