"""The monthly report as an A4 PDF with the official-letter stylesheet."""

import datetime as dt

from rehab.reports.figures import MonthlyReport
from rehab.reports.tables import month_label
from rutan.pdf import render_pdf

STYLESHEET = "css/report_pdf.css"


def monthly_report_pdf(report: MonthlyReport, *, printed_on: dt.date) -> bytes:
    return render_pdf(
        "rehab/report_monthly_pdf.html",
        {
            "report": report,
            "facility": report.facility,
            "month_label": month_label(report.month),
            "tables": report.tables(),
            "printed_on": printed_on,
        },
        stylesheet=STYLESHEET,
    )
