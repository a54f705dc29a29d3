"""Handover to a Bapas: made by the kepala, read by the Bapas office it went to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from aftercare import selectors
from aftercare.forms import FollowUpForm
from aftercare.forms import HandoverForm
from aftercare.forms import PlannedTransferForm
from aftercare.models import FollowUp
from aftercare.models import PlannedTransfer
from aftercare.pdf import handover_packet_pdf
from aftercare.permissions import FOLLOW_UP_WRITERS
from aftercare.permissions import can_follow_up
from aftercare.permissions import can_hand_over
from aftercare.permissions import can_read_handovers
from aftercare.services import follow_up_record
from aftercare.services import handover_create
from aftercare.services import transfer_plan
from participants import selectors as participant_selectors
from participants.permissions import can_write
from participants.views.common import add_service_errors
from participants.views.common import detail_url
from participants.views.common import simple_form_page
from rehab.relapse import record_relapse_trend
from rutan.dates import facility_today
from rutan.submissions import saved_once
from rutan.versioning import form_status


@can_read_handovers
@require_GET
def handover_list(request: HttpRequest) -> HttpResponse:
    handovers = selectors.handovers_for(request.user).order_by("-handed_over_on", "-id")
    return render(request, "aftercare/handover_list.html", {"handovers": handovers})


@can_hand_over
@require_http_methods(["GET", "POST"])
@saved_once
def handover_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_selectors.participant_in_scope(request.user, pk)
    today = facility_today(participant.facility)
    form = HandoverForm(
        request.POST or None,
        offices=selectors.offices_serving(participant.facility),
        initial={"handed_over_on": today},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["handed_over_on"] > today:
            form.add_error("handed_over_on", _("Tanggal serah terima tidak boleh di masa depan."))
        else:
            try:
                handover = handover_create(
                    participant=participant, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Warga binaan diserahkan ke Bapas."))
                return redirect("aftercare:detail", pk=handover.pk)
    return simple_form_page(
        request,
        form,
        participant,
        title=_("Serah terima ke Bapas"),
        intro=_(
            "Bapas menerima berkas keikutsertaan, skrining ASSIST awal dan akhir, evaluasi, "
            "rekomendasi dan penjamin seperti hari ini, dan tidak melihat data lain."
        ),
        submit=_("Serahkan"),
    )


@can_read_handovers
@require_GET
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.get_handover_for(request.user, pk)
    context = _packet_context(handover)
    context.update(_follow_up_context(request, handover))
    return render(request, "aftercare/handover_detail.html", context)


@can_follow_up
@require_http_methods(["POST"])
@saved_once
def follow_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.get_handover_for(request.user, pk)
    extra = _follow_up_context(request, handover, data=request.POST)
    form = extra["follow_up_form"]
    if form.is_valid():
        try:
            follow_up_record(handover=handover, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Kontak tindak lanjut disimpan."))
            return redirect("aftercare:detail", pk=handover.pk)
    context = _packet_context(handover)
    context.update(extra)
    return render(request, "aftercare/handover_detail.html", context, status=400)


def _follow_up_context(request, handover, data=None) -> dict:
    follow_ups = list(handover.follow_ups.order_by("milestone"))
    recorded = {f.milestone for f in follow_ups}
    open_milestones = [m for m in FollowUp.Milestone.values if m not in recorded]
    may_record = request.user.has_role(*FOLLOW_UP_WRITERS) and bool(open_milestones)
    form = None
    if may_record:
        today = facility_today(handover.participant.facility)
        form = FollowUpForm(
            data,
            open_milestones=open_milestones,
            initial={"contacted_on": today, "milestone": open_milestones[0], "reached": True},
        )
    return {
        "follow_ups": follow_ups,
        "follow_up_form": form,
        "schedule": [(m, label, handover.due_on(m)) for m, label in FollowUp.Milestone.choices],
    }


@can_read_handovers
@require_GET
def handover_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.get_handover_for(request.user, pk)
    pdf = handover_packet_pdf(handover, _packet_context(handover))
    response = HttpResponse(pdf, content_type="application/pdf")
    number = handover.record["participant"]["registration_number"].replace("/", "-")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"serah-terima-bapas-{number}.pdf"
    )
    return response


def _packet_context(handover) -> dict:
    return {
        "handover": handover,
        "record": handover.record,
        "relapse_trend": record_relapse_trend(handover.record),
    }


@can_write
@require_http_methods(["GET", "POST"])
@saved_once
def transfer_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_selectors.participant_in_scope(request.user, pk)
    form = PlannedTransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        today = facility_today(participant.facility)
        try:
            transfer_plan(
                participant=participant, by=request.user, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rencana pemindahan disimpan."))
            return redirect(detail_url(participant.pk, "transfer"))
    return simple_form_page(
        request,
        form,
        participant,
        title=_("Catat rencana pemindahan"),
        intro=_(
            "Warga binaan ini muncul di rencana keluar sampai tanggal pindah, dengan yang "
            "masih harus diselesaikan sebelum pindah."
        ),
        submit=_("Simpan"),
        status=form_status(form),
    )


@can_write
@require_http_methods(["POST"])
def transfer_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = get_object_or_404(PlannedTransfer, pk=pk)
    # Scope through the participant: another facility's plan is a 404.
    participant = participant_selectors.participant_in_scope(request.user, transfer.participant_id)
    transfer.delete()
    messages.success(request, _("Rencana pemindahan dibatalkan."))
    return redirect(detail_url(participant.pk, "transfer"))
