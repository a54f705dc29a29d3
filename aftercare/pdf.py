"""The handover packet as a PDF under the facility's letterhead, signed by both offices."""

from django.utils.translation import gettext as _

from rutan.dates import facility_today
from rutan.models import DocumentNumber
from rutan.pdf import place_date
from rutan.pdf import render_facility_pdf
from rutan.signatories import Signatory
from rutan.signatories import facility_head


def handover_packet_pdf(handover, context: dict) -> bytes:
    """`context` is the packet as the page shows it; the PDF is RAHASIA (a person's case)."""
    facility = handover.participant.facility
    office = handover.bapas_office
    receiver = Signatory(
        _("Yang menerima,\nKepala %(office)s,") % {"office": office.name}, office.head_name, ""
    )
    signatories = [receiver, facility_head(facility, prefix=_("Yang menyerahkan,\n"))]
    return render_facility_pdf(
        "aftercare/handover_pdf.html",
        {
            **context,
            "facility": facility,
            "signatories": signatories,
            "place_date": place_date(facility, handover.handed_over_on),
        },
        facility=facility,
        kind=DocumentNumber.Kind.HANDOVER,
        subject=f"handover:{handover.pk}",
        on=facility_today(facility),
        title=_("BERKAS SERAH TERIMA KE BAPAS"),
        confidential=True,
    )
