"""The monthly report as an A4 PDF with the official-letter stylesheet."""

import datetime as dt
import hashlib
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import get_template
from django.utils import translation

from rehab.reports.figures import MonthlyReport
from rehab.reports.tables import month_label
from rutan.pdf import render_pdf

TEMPLATE = "rehab/report_monthly_pdf.html"
STYLESHEET = "css/report_pdf.css"
KEPT_DIR = "reports/monthly"


def monthly_report_pdf(report: MonthlyReport, *, printed_on: dt.date) -> bytes:
    return render_pdf(
        TEMPLATE,
        {
            "report": report,
            "facility": report.facility,
            "month_label": month_label(report.month),
            "tables": report.tables(),
            "printed_on": printed_on,
        },
        stylesheet=STYLESHEET,
    )


def kept_monthly_report_pdf(report: MonthlyReport, *, printed_on: dt.date) -> bytes:
    """The PDF of a closed month, rendered once and kept in the default storage.

    WeasyPrint takes ~150 ms a page; the figures take a few queries. The kept file is named
    by a fingerprint of everything the PDF prints (figures, facility letterhead, language,
    print date, layout), so a late correction to that month's data, a new letterhead or a new
    day renders a fresh file, which replaces the older ones of that facility and month. The
    current month is never kept: its figures change with every sheet saved.
    """
    if report.last_day >= printed_on:
        return monthly_report_pdf(report, printed_on=printed_on)
    facility = report.facility
    material = repr(
        (
            _printed_text(report),
            facility.name,
            facility.address,
            facility.city,
            facility.head_name,
            translation.get_language(),
            printed_on,
            _layout_fingerprint(),
        )
    )
    digest = hashlib.sha256(material.encode()).hexdigest()[:32]
    folder = f"{KEPT_DIR}/{facility.code}/{report.month:%Y-%m}"
    name = f"{folder}/{digest}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as kept:
            return kept.read()
    pdf = monthly_report_pdf(report, printed_on=printed_on)
    if default_storage.exists(folder):
        for stale in default_storage.listdir(folder)[1]:
            default_storage.delete(f"{folder}/{stale}")
    default_storage.save(name, ContentFile(pdf))
    return pdf


def _printed_text(report: MonthlyReport) -> list[str]:
    """Every figure and label the PDF prints, as text in the active language."""
    parts = [report.month.isoformat(), *report.programmes]
    for table in report.tables():
        parts += [table.key, str(table.title), str(table.section), str(table.note)]
        parts += [str(cell) for row in table.rows for cell in row]
        parts += [str(cell) for cell in table.total or []]
    return parts


@lru_cache(maxsize=1)
def _layout_fingerprint() -> str:
    """The template and stylesheet sources: a deploy that changes the layout renders anew."""
    sources = [get_template(TEMPLATE).template.source]
    with open(finders.find(STYLESHEET), encoding="utf-8") as stylesheet:
        sources.append(stylesheet.read())
    return hashlib.sha256("".join(sources).encode()).hexdigest()
