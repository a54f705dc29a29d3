"""Handover to a Bapas: made by the kepala, read by the Bapas office it went to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aftercare import selectors
from aftercare.forms import HandoverForm
from aftercare.permissions import can_hand_over, can_read_handovers
from aftercare.services import handover_create
from participants import selectors as participant_selectors
from participants.views.common import add_service_errors
from rutan.localtime import facility_today
from rutan.pdf import render_pdf


@can_read_handovers
@require_GET
def handover_list(request: HttpRequest) -> HttpResponse:
    handovers = selectors.handovers_for(request.user).order_by("-handed_over_on", "-id")
    return render(request, "aftercare/handover_list.html", {"handovers": handovers})


@can_hand_over
@require_http_methods(["GET", "POST"])
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
    return render(
        request,
        "participants/simple_form.html",
        {
            "form": form,
            "participant": participant,
            "title": _("Serah terima ke Bapas"),
            "intro": _(
                "Bapas menerima berkas keikutsertaan, skrining ASSIST awal dan akhir, evaluasi, "
                "rekomendasi dan penjamin seperti hari ini, dan tidak melihat data lain."
            ),
            "submit": _("Serahkan"),
        },
    )


@can_read_handovers
@require_GET
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.get_handover_for(request.user, pk)
    return render(request, "aftercare/handover_detail.html", _packet_context(handover))


@can_read_handovers
@require_GET
def handover_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.get_handover_for(request.user, pk)
    context = _packet_context(handover)
    context["facility"] = handover.participant.facility
    pdf = render_pdf("aftercare/handover_pdf.html", context, stylesheet="css/report_pdf.css")
    response = HttpResponse(pdf, content_type="application/pdf")
    number = handover.record["participant"]["registration_number"].replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="serah-terima-bapas-{number}.pdf"'
    return response


def _packet_context(handover) -> dict:
    return {"handover": handover, "record": handover.record}
