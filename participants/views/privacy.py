"""UU PDP duties on one participant: the subject access export (Pasal 32)."""

import json

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from participants import personal_data
from participants import selectors
from participants.pdf import subject_access_pdf_render
from participants.permissions import SUBJECT_ACCESS_ROLES
from rutan.audit import AuditAction
from rutan.audit import audit_facility_record
from rutan.permissions import role_required


@require_GET
@role_required(*SUBJECT_ACCESS_ROLES)
def subject_access_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Everything Pulih holds on one participant and every processing of it, as PDF or JSON."""
    if fmt not in ("pdf", "json"):
        raise Http404
    participant = selectors.participant_for_page(request.user, pk)
    data = personal_data.subject_access_data(participant)
    audit_facility_record(request.user, AuditAction.PARTICIPANT_SUBJECT_ACCESS, participant, fmt)
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        body = subject_access_pdf_render(
            participant, data, made_by=request.user, made_at=timezone.localtime()
        )
        response = HttpResponse(body, content_type="application/pdf")
    stamp = timezone.localdate().strftime("%Y%m%d")
    number = participant.registration_number.replace("/", "-")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"data-subjek-{number}-{stamp}.{fmt}"
    )
    return response
