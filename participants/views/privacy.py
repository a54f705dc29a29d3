"""UU PDP duties on one participant: the subject access export (Pasal 32)."""

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from participants import personal_data, selectors
from participants.permissions import SUBJECT_ACCESS_ROLES
from rutan.audit import AuditAction, audit_record
from rutan.pdf import render_pdf
from rutan.permissions import role_required


@require_GET
@role_required(*SUBJECT_ACCESS_ROLES)
def subject_access_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Everything Pulih holds on one participant and every processing of it, as PDF or JSON."""
    if fmt not in ("pdf", "json"):
        raise Http404
    participant = selectors.participant_for_page(request.user, pk)
    data = personal_data.subject_access_data(participant)
    audit_record(
        user=request.user,
        action=AuditAction.PARTICIPANT_SUBJECT_ACCESS,
        obj=participant,
        facility_id=participant.facility_id,
        detail=fmt,
    )
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        body = render_pdf(
            "participants/subject_access_pdf.html",
            {"data": data, "participant": participant, "printed_at": timezone.localtime()},
            stylesheet="css/report_pdf.css",
        )
        response = HttpResponse(body, content_type="application/pdf")
    stamp = timezone.localdate().strftime("%Y%m%d")
    number = participant.registration_number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="data-subjek-{number}-{stamp}.{fmt}"'
    return response
