"""Integration programmes (PB, CB, CMB, asimilasi) and hearing days from the participant's page."""

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from participants import selectors
from participants.forms import CourtHearingForm
from participants.forms import IntegrationProgrammeForm
from participants.models import IntegrationProgramme
from participants.permissions import can_write
from participants.services import court_hearing_record
from participants.views.common import detail_url
from participants.views.common import simple_form_page
from rutan.submissions import saved_once
from rutan.versioning import form_status


@can_write
@require_http_methods(["GET", "POST"])
@saved_once
def integration_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_in_scope(request.user, pk)
    form = IntegrationProgrammeForm(
        request.POST or None, participant=participant, initial={"proposed_on": timezone.localdate()}
    )
    return _save(request, form, participant, _("Usulan program integrasi"))


@can_write
@require_http_methods(["GET", "POST"])
@saved_once
def integration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = IntegrationProgramme.objects.select_related("participant__facility").get_visible(
        request.user, pk=pk
    )
    form = IntegrationProgrammeForm(
        request.POST or None, instance=programme, participant=programme.participant
    )
    return _save(request, form, programme.participant, _("Ubah program integrasi"))


def _save(request, form, participant, title) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        programme = form.save(commit=False)
        programme.participant = participant
        if programme.pk is None:
            programme.save()
            saved = True
        else:
            saved = form.save_versioned(programme, programme.save)
        if saved:
            messages.success(request, _("Program integrasi disimpan."))
            return redirect(detail_url(participant.pk, "integration"))
    return simple_form_page(
        request, form, participant, title=title, submit=_("Simpan"), status=form_status(form)
    )


@can_write
@require_http_methods(["GET", "POST"])
@saved_once
def court_hearing_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_in_scope(request.user, pk)
    form = CourtHearingForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        court_hearing_record(participant=participant, recorded_by=request.user, **form.cleaned_data)
        messages.success(request, _("Jadwal sidang disimpan."))
        return redirect(detail_url(participant.pk, "court"))
    return simple_form_page(
        request,
        form,
        participant,
        title=_("Catat jadwal sidang"),
        intro=_(
            "Pada hari sidang, daftar hadir sesi mengisi warga binaan ini sebagai “Sidang” "
            "(masih dapat diubah)."
        ),
        submit=_("Simpan"),
    )
