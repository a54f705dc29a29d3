"""The register of warga binaan: list, export, create, edit, detail, sensitive data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from participants import selectors
from participants.exports import participants_xlsx
from participants.forms import ParticipantForm
from participants.forms import RegisterChangeForm
from participants.models import Participant
from participants.page_parts import page_parts_context
from participants.permissions import ENROL_ROLES
from participants.permissions import SUBJECT_ACCESS_ROLES
from participants.permissions import can_read
from participants.permissions import can_write
from participants.permissions import may_write
from participants.services import participant_change_register
from participants.timeline import timeline_for
from participants.views.common import add_service_errors
from participants.views.common import guided_url
from participants.views.common import simple_form_page
from participants.vocabularies import CODED_FIELDS
from rutan.audit import AuditAction
from rutan.audit import audit_facility_record
from rutan.audit import audit_own_scope
from rutan.filtering import sort_links
from rutan.pagination import paginate
from rutan.submissions import saved_once
from rutan.versioning import form_status

PAGE_SIZE = 25
# The workbook is built in memory, about a millisecond a row. A facility's register fits well
# under this; an administrator's national list (250,000 people at 500 UPT) took four minutes
# and 1.2 GB in one request, so it is narrowed on the list first.
EXPORT_MAX_ROWS = 5000
SORTABLE = [
    ("name", gettext_lazy("Nama")),
    ("registration_number", gettext_lazy("No. registrasi")),
    ("register_type", gettext_lazy("Register")),
    ("cell_block", gettext_lazy("Blok")),
    ("expected_release_date", gettext_lazy("Perkiraan bebas")),
]


@can_read
def participant_list(request: HttpRequest) -> HttpResponse:
    filterset = selectors.participant_list(request.user, request.GET)
    rows = filterset.qs
    page = paginate(request, rows, PAGE_SIZE)
    return render(
        request,
        "participants/list.html",
        {
            "filter": filterset,
            "page": page,
            "sort_links": sort_links(filterset, SORTABLE),
            "may_write": may_write(request.user),
            "may_enrol": request.user.has_role(*ENROL_ROLES),
        },
    )


@can_read
def participant_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as an Excel file; sensitive fields never leave this way."""
    filterset = selectors.participant_list(request.user, request.GET)
    rows = list(filterset.qs[: EXPORT_MAX_ROWS + 1])
    if len(rows) > EXPORT_MAX_ROWS:
        messages.error(
            request,
            _(
                "Daftar ini lebih dari %(n)s baris, terlalu besar untuk satu berkas Excel. "
                "Saring dulu (cari, register, status, risiko atau blok), lalu ekspor lagi."
            )
            % {"n": f"{EXPORT_MAX_ROWS:n}"},
        )
        return redirect(f"{reverse('participants:list')}?{request.GET.urlencode()}")
    audit_own_scope(
        request.user,
        AuditAction.PARTICIPANT_EXPORT,
        f"{len(rows)} baris; filter: {request.GET.urlencode()}",
    )
    scope = request.user.facility.name if request.user.facility else _("Semua UPT")
    response = HttpResponse(
        participants_xlsx(rows, scope=scope, on=timezone.localdate()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"warga-binaan-{stamp}.xlsx"
    )
    return response


@can_write
@never_cache
@require_http_methods(["GET", "POST"])
@saved_once
def participant_create(request: HttpRequest) -> HttpResponse:
    form = ParticipantForm(request.POST or None, facility=request.user.facility)
    if request.method == "POST" and form.is_valid():
        participant = form.save()
        messages.success(
            request, _("%(name)s terdaftar sebagai warga binaan.") % {"name": participant.name}
        )
        if "lanjut" in request.POST:
            # The guided flow: register → screen → consent → enrol and activate.
            return redirect(guided_url("participants:screening_create", participant.pk))
        return redirect("participants:detail", pk=participant.pk)
    return render(
        request,
        "participants/form.html",
        {"form": form, "title": _("Daftarkan warga binaan"), "guided_step": 1},
    )


@can_write
@never_cache
@require_http_methods(["GET", "POST"])
@saved_once
def participant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a participant. The form necessarily shows the sensitive fields, so opening it
    records the same audit event as "Tampilkan data sensitif" (see `participant_reveal`)."""
    participant = selectors.participant_in_scope(request.user, pk)
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        # The old free text was shown beside each recap field: saving is reviewing it.
        participant.recap_reviewed()
        if form.save_versioned(participant, form.save):
            messages.success(request, _("Data warga binaan disimpan."))
            return redirect("participants:detail", pk=participant.pk)
    if request.method == "GET":
        _record_sensitive_view(request, participant, _("formulir ubah data"))
    return render(
        request,
        "participants/form.html",
        {"form": form, "participant": participant, "title": _("Ubah data warga binaan")},
        status=form_status(form),
    )


@can_read
@never_cache
def recap_review(request: HttpRequest) -> HttpResponse:
    """Participants whose old free-text recap could not be mapped to a code, to fix one by one.

    Only which fields wait is shown here; the old text itself is sensitive and appears on the
    (audited) edit form, beside the field.
    """
    rows = selectors.recap_review_list(request.user)
    labels = {
        name: capfirst(Participant._meta.get_field(name).verbose_name) for name in CODED_FIELDS
    }
    for participant in rows:
        participant.fields_to_review = [
            labels[n] for n in CODED_FIELDS if n in participant.recap_unmapped
        ]
    return render(
        request,
        "participants/recap_review.html",
        {"rows": rows, "may_write": may_write(request.user)},
    )


@can_read
@never_cache
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's page. Sensitive data is masked here; see `participant_reveal`."""
    participant = selectors.participant_for_page(request.user, pk)
    return render(request, "participants/detail.html", _detail_context(request, participant))


@can_read
@never_cache
@require_POST
def participant_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a participant's sensitive data (NIK, case, substance history, screening answers).

    Design, for the privacy officer: the detail page masks these fields by default and
    this explicit "Tampilkan data sensitif" action reveals them, writing one AuditEvent
    (who, when, which participant) each time it is used. The page is opened many times
    a day for routine work (enrolment, attendance questions), often on a shared office PC;
    logging every page view would bury the meaningful accesses among routine ones and
    would put the NIK on screen for anyone passing by. With an explicit action each audit
    line means "this person looked at this person's sensitive data", which is what a
    review needs. Facilitators never reach this view (403). It is a POST because it
    writes the audit line; the answer is marked no-store so it is not cached.
    """
    participant = selectors.participant_for_page(request.user, pk)
    _record_sensitive_view(request, participant, _("tampilkan data sensitif"))
    if request.htmx:
        return render(
            request,
            "participants/_sensitive.html",
            {"participant": participant, "revealed": True},
        )
    context = _detail_context(request, participant)
    context["revealed"] = True
    return render(request, "participants/detail.html", context)


def _record_sensitive_view(request: HttpRequest, participant, where: str) -> None:
    audit_facility_record(request.user, AuditAction.PARTICIPANT_VIEW_SENSITIVE, participant, where)


def _detail_context(request: HttpRequest, participant) -> dict:
    writable = may_write(request.user)
    return {
        "participant": participant,
        "revealed": False,
        "may_write": writable,
        "may_export_subject": request.user.has_role(*SUBJECT_ACCESS_ROLES),
        "timeline": timeline_for(participant, request.user),
        "comparison": selectors.screening_comparison(participant),
        "warnings": selectors.participant_warnings(participant),
        "cohorts_open": list(selectors.cohorts_open_to(participant)) if writable else [],
        **page_parts_context(participant, request.user),
    }


@can_write
@require_http_methods(["GET", "POST"])
@saved_once
def participant_change_register_view(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_in_scope(request.user, pk)
    form = RegisterChangeForm(
        request.POST or None,
        initial={"changed_on": timezone.localdate(), "to_number": participant.registration_number},
    )
    if request.method == "POST" and form.is_valid():
        try:
            participant_change_register(
                participant=participant,
                recorded_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Register diubah menjadi %(type)s; register lama disimpan sebagai riwayat.")
                % {"type": participant.register_type},
            )
            return redirect("participants:detail", pk=participant.pk)
    return simple_form_page(
        request,
        form,
        participant,
        title=_("Ubah register"),
        intro=_(
            "Register sekarang: %(type)s, nomor %(number)s. Perubahan dicatat sebagai "
            "riwayat dengan tanggal dan alasannya; data lama tidak ditimpa."
        )
        % {"type": participant.register_type, "number": participant.registration_number},
        submit=_("Simpan perubahan register"),
    )
