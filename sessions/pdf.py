"""The printable attendance sheet (daftar hadir), rendered with WeasyPrint."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML

from sessions.models import Session
from sessions.selectors import SheetRow


def attendance_sheet_pdf(*, session: Session, rows: list[SheetRow]) -> bytes:
    """A4 pages: facility header, session, module, facilitators, a signature line per person."""
    html = render_to_string(
        "sessions/attendance_pdf.html",
        {
            "session": session,
            "facility": session.cohort.programme.facility,
            "rows": rows,
            "facilitators": list(session.facilitators.all()),
            "printed_at": timezone.localtime(timezone.now(), session.zone),
        },
    )
    stylesheet = CSS(filename=finders.find("css/attendance_pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
