"""The handover packet as a PDF under the facility's letterhead, signed by both offices."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rutan.dates import facility_today
from rutan.document_numbers import document_number, facility_issuer
from rutan.letterhead import Heading, facility_letterhead
from rutan.models import DocumentNumber
from rutan.pdf import render_pdf
from rutan.signatories import Signatory, facility_head


def handover_packet_pdf(handover, context: dict) -> bytes:
    """`context` is the packet as the page shows it; the PDF is RAHASIA (a person's case)."""
    facility = handover.participant.facility
    office = handover.bapas_office
    number = document_number(
        issuer=facility_issuer(facility),
        kind=DocumentNumber.Kind.HANDOVER,
        subject=f"handover:{handover.pk}",
        on=facility_today(facility),
    )
    receiver = Signatory(
        _("Yang menerima,\nKepala %(office)s,") % {"office": office.name}, office.head_name, ""
    )
    signatories = [receiver, facility_head(facility, prefix=_("Yang menyerahkan,\n"))]
    place_date = f"{facility.city}, {date_format(handover.handed_over_on, 'j F Y')}"
    return render_pdf(
        "aftercare/handover_pdf.html",
        {**context, "facility": facility, "signatories": signatories, "place_date": place_date},
        stylesheet="css/report_pdf.css",
        heading=Heading(
            facility_letterhead(facility),
            _("BERKAS SERAH TERIMA KE BAPAS"),
            number,
            confidential=True,
        ),
    )
