"""Certificates of completion: issued from the participant's page, printed as PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from participants.models import Certificate
from participants.models import Enrollment
from participants.pdf import certificate_pdf_render
from participants.permissions import can_read
from participants.services import certificate_issue
from participants.views.common import detail_url
from rutan.dates import facility_today
from rutan.submissions import saved_once


@can_read
@require_POST
@saved_once
def certificate_create(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = Enrollment.objects.select_related("participant__facility").get_visible(
        request.user, pk=pk
    )
    facility = enrollment.participant.facility
    try:
        certificate = certificate_issue(
            enrollment=enrollment, issued_by=request.user, on=facility_today(facility)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Sertifikat %(number)s diterbitkan.") % {"number": certificate.number}
        )
    return redirect(detail_url(enrollment.participant_id, f"enrollment-{enrollment.pk}"))


@can_read
@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = Certificate.objects.select_related(
        "facility", "enrollment__participant", "enrollment__cohort__programme__partner"
    ).get_visible(request.user, pk=pk)
    pdf = certificate_pdf_render(certificate)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=filename
    )
    return response
