"""A participant's PDFs under the facility's letterhead: certificate, subject access."""

from django.utils.translation import gettext as _

from participants.models import Certificate
from rutan.letterhead import Heading
from rutan.letterhead import facility_letterhead
from rutan.models import DocumentNumber
from rutan.pdf import place_date
from rutan.pdf import render_facility_pdf
from rutan.pdf import render_pdf
from rutan.signatories import facility_head
from rutan.signatories import partner_signatory
from rutan.signatories import user_signatory


def certificate_pdf_render(certificate: Certificate) -> bytes:
    """Signed by the partner that delivered the programme and the head; numbered by its own
    register (Certificate.number)."""
    facility = certificate.facility
    partner = certificate.enrollment.cohort.programme.partner
    return render_pdf(
        "participants/certificate_pdf.html",
        {
            "certificate": certificate,
            "facility": facility,
            "signatories": [partner_signatory(partner), facility_head(facility)],
            "place_date": place_date(facility, certificate.issued_on),
        },
        stylesheet="css/report_pdf.css",
        heading=Heading(facility_letterhead(facility), _("SERTIFIKAT"), certificate.number),
    )


def subject_access_pdf_render(participant, data: dict, *, made_by, made_at) -> bytes:
    """Everything held on one person, for that person: RAHASIA, numbered per request day."""
    facility = participant.facility
    made_on = made_at.date()
    caption = _("Yang membuat,") + (f"\n{made_by.position}," if made_by.position else "")
    return render_facility_pdf(
        "participants/subject_access_pdf.html",
        {
            "data": data,
            "participant": participant,
            "printed_at": made_at,
            "signatories": [user_signatory(made_by, caption, civil_servant=True)],
            "place_date": place_date(facility, made_on),
        },
        facility=facility,
        kind=DocumentNumber.Kind.SUBJECT_ACCESS,
        subject=f"participant:{participant.pk}:{made_on.isoformat()}",
        on=made_on,
        title=_("DATA PRIBADI YANG DIPROSES OLEH PULIH"),
        confidential=True,
    )
