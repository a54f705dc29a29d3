"""PDF rendering with WeasyPrint: HTML templates plus one print stylesheet, no network."""

import datetime as dt

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from rehab.reports.figures import MonthlyReport
from rehab.reports.tables import month_label

STYLESHEET = "css/report_pdf.css"


def render_pdf(template: str, context: dict) -> bytes:
    """`template` rendered to an A4 PDF with the official-letter stylesheet."""
    html = render_to_string(template, context)
    stylesheet = CSS(filename=finders.find(STYLESHEET))
    # Only local files: a base URL inside the project, and nothing in the templates to fetch.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[stylesheet])


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
    )
