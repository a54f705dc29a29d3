"""The printable attendance sheet (daftar hadir)."""

from django.utils import timezone

from rutan.pdf import render_pdf
from sessions.models import Session
from sessions.selectors import SheetRow


def attendance_sheet_pdf(*, session: Session, rows: list[SheetRow]) -> bytes:
    """A4 pages: facility header, session, module, facilitators, a signature line per person."""
    return render_pdf(
        "sessions/attendance_pdf.html",
        {
            "session": session,
            "facility": session.cohort.programme.facility,
            "rows": rows,
            "facilitators": list(session.facilitators.all()),
            "printed_at": timezone.localtime(timezone.now(), session.zone),
        },
        stylesheet="css/attendance_pdf.css",
    )
