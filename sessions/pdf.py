"""The printable attendance sheet (daftar hadir), readable back from a photo (sessions/omr.py)."""

import segno
from django.utils import timezone
from django.utils.translation import gettext as _

from rutan.models import DocumentNumber
from rutan.pdf import render_facility_pdf
from rutan.signatories import facility_head
from rutan.signatories import user_signatory
from sessions import paper
from sessions.models import Session
from sessions.selectors import SheetRow


def _pages(session: Session, rows: list[SheetRow]) -> list[dict]:
    """Each printed page: its rows at fixed heights and its QR code."""
    chunks = paper.page_chunks(rows)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        code = paper.sheet_code(
            session_id=session.pk,
            version=session.attendance_version,
            page=number,
            pages=len(chunks),
            participant_ids=[row.participant.pk for row in chunk],
        )
        first = (number - 1) * paper.ROWS_PER_PAGE
        pages.append(
            {
                "number": number,
                "is_last": number == len(chunks),
                "qr": segno.make(code, error="m").svg_data_uri(border=2, dark="#000"),
                "rows": [
                    {"number": first + i + 1, "row": row, "top": paper.HEAD_H + paper.ROW_H * i}
                    for i, row in enumerate(chunk)
                ],
            }
        )
    return pages


def attendance_sheet_pdf(*, session: Session, rows: list[SheetRow]) -> bytes:
    """A4 pages: facility header, session, module, facilitators, a box per status and a
    signature line per person; a QR code and corner marks on every page for reading it back."""
    box_lefts = [
        paper.BOX_CELL * i + (paper.BOX_CELL - paper.BOX_SIZE) / 2
        for i in range(len(paper.BOX_LABELS))
    ]
    pages = _pages(session, rows)
    facility = session.cohort.programme.facility
    printed_at = timezone.localtime(timezone.now(), session.zone)
    facilitators = list(session.facilitators.all())
    caption = _("Fasilitator,\n%(partner)s") % {"partner": session.cohort.programme.partner}
    signatories = [
        user_signatory(facilitators[0] if facilitators else None, caption, civil_servant=False),
        facility_head(facility, prefix=_("Mengetahui,\n")),
    ]
    return render_facility_pdf(
        "sessions/attendance_pdf.html",
        {
            "session": session,
            "facility": facility,
            "pages": pages,
            "page_count": len(pages),
            "has_rows": bool(rows),
            "facilitators": facilitators,
            "signatories": signatories,
            "printed_at": printed_at,
            "geo": paper,
            "marks": [
                (x - paper.MARK_SIZE / 2, y - paper.MARK_SIZE / 2) for x, y in paper.MARK_CENTRES
            ],
            "boxes": list(zip(paper.BOX_LABELS, box_lefts, strict=True)),
            "box_top": (paper.ROW_H - paper.BOX_SIZE) / 2,
        },
        facility=facility,
        kind=DocumentNumber.Kind.ATTENDANCE,
        subject=f"session:{session.pk}",
        on=printed_at.date(),
        title=_("DAFTAR HADIR"),
        stylesheet="css/attendance_pdf.css",
    )
