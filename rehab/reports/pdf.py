"""The monthly report as an A4 PDF with the official-letter stylesheet."""

import datetime as dt
import hashlib
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import get_template
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rehab.models import Agreement
from rehab.reports.figures import MonthlyReport
from rehab.reports.recap import Recap
from rehab.reports.tables import month_label
from rehab.signatories import agreement_partner
from rutan.aggregates import fetch_together
from rutan.document_numbers import document_number
from rutan.document_numbers import facility_issuer
from rutan.document_numbers import issued
from rutan.document_numbers import region_issuer
from rutan.letterhead import Heading
from rutan.letterhead import facility_letterhead
from rutan.letterhead import region_letterhead
from rutan.models import DocumentNumber
from rutan.pdf import BASE_STYLESHEET
from rutan.pdf import render_pdf
from rutan.pdf_fonts import font_face_css
from rutan.signatories import Signatory
from rutan.signatories import facility_head
from rutan.signatories import kepala_accounts
from rutan.signatories import user_signatory

TEMPLATE = "rehab/report_monthly_pdf.html"
STYLESHEET = "css/report_pdf.css"
KEPT_DIR = "reports/monthly"


def _letter(report: MonthlyReport, printed_on: dt.date) -> tuple[Heading, list[Signatory]]:
    """The heading (letterhead, title, number) and the signatories, in one query: the number
    issued for the month, the agreements in force that month, the head's accounts."""
    facility = report.facility
    issuer, kind = facility_issuer(facility), DocumentNumber.Kind.MONTHLY_REPORT
    subject = f"month:{report.month:%Y-%m}"
    numbers, agreements, heads = fetch_together(
        issued(issuer, kind, subject)[:1],
        Agreement.objects.filter(facility=facility)
        .in_force_between(report.month, report.last_day)
        .select_related("partner")
        .order_by("partner__name", "valid_from"),
        kepala_accounts(facility),
    )
    number = document_number(
        issuer=issuer,
        kind=kind,
        subject=subject,
        on=printed_on,
        known=numbers[0].number if numbers else "",
    )
    title = _("LAPORAN BULANAN PROGRAM REHABILITASI")
    heading = Heading(facility_letterhead(facility), title, number)
    return heading, _signatories(facility, agreements, heads)


def _signatories(facility, agreements: list[Agreement], heads: list) -> list[Signatory]:
    """The partners whose agreements were in force that month co-sign; the head signs last."""
    partners = {
        a.partner_id: agreement_partner(a, prefix=_("Mitra pelaksana,\n")) for a in agreements
    }
    return [*partners.values(), facility_head(facility, heads=heads)]


def _context(report: MonthlyReport, printed_on: dt.date, signatories: list[Signatory]) -> dict:
    return {
        "report": report,
        "facility": report.facility,
        "month_label": month_label(report.month),
        "tables": report.tables(),
        "signatories": signatories,
        "place_date": f"{report.facility.city}, {date_format(printed_on, 'j F Y')}",
    }


def monthly_report_pdf(report: MonthlyReport, *, printed_on: dt.date) -> bytes:
    heading, signatories = _letter(report, printed_on)
    context = _context(report, printed_on, signatories)
    return render_pdf(TEMPLATE, context, stylesheet=STYLESHEET, heading=heading)


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
    name, context, heading = _kept_name(report, printed_on)
    kept = _read_kept(name)
    if kept is not None:
        return kept
    pdf = render_pdf(TEMPLATE, context, stylesheet=STYLESHEET, heading=heading)
    folder = name.rsplit("/", 1)[0]
    if default_storage.exists(folder):
        for stale in default_storage.listdir(folder)[1]:
            default_storage.delete(f"{folder}/{stale}")
    default_storage.save(name, ContentFile(pdf))
    return pdf


def kept_monthly_report(report: MonthlyReport, *, printed_on: dt.date) -> bytes | None:
    """The kept PDF of a closed month when it has been rendered already, else None: served
    at once, without a job for the worker."""
    if report.last_day >= printed_on:
        return None
    return _read_kept(_kept_name(report, printed_on)[0])


def _kept_name(report: MonthlyReport, printed_on: dt.date) -> tuple[str, dict, str]:
    """(storage name, template context, heading) of a closed month's PDF."""
    heading, signatories = _letter(report, printed_on)
    context = _context(report, printed_on, signatories)
    material = repr(
        (
            _printed_text(report),
            heading,
            context["signatories"],
            context["place_date"],
            translation.get_language(),
            _layout_fingerprint(),
        )
    )
    digest = hashlib.sha256(material.encode()).hexdigest()[:32]
    return f"{KEPT_DIR}/{report.facility.code}/{report.month:%Y-%m}/{digest}.pdf", context, heading


def _read_kept(name: str) -> bytes | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as kept:
        return kept.read()


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
    """The templates and stylesheets: a deploy that changes the layout renders anew."""
    templates = (
        TEMPLATE,
        "includes/_report_table.html",
        "includes/letterhead.html",
        "includes/signatures.html",
    )
    sources = [get_template(name).template.source for name in templates]
    sources.append(font_face_css())
    for name in (BASE_STYLESHEET, STYLESHEET):
        with open(finders.find(name), encoding="utf-8") as stylesheet:
            sources.append(stylesheet.read())
    return hashlib.sha256("".join(sources).encode()).hexdigest()


def render_recap_pdf(recap: Recap, *, title: str, printed_by, printed_on: dt.date) -> bytes:
    """The PP 25/2011 recap of a region or the nation, under its Kanwil's or Ditjenpas's
    letterhead, signed by the oversight officer who drew it up."""
    number = document_number(
        issuer=region_issuer(recap.region),
        kind=DocumentNumber.Kind.RECAP,
        subject=f"{recap.scope_slug}:{recap.period.slug}",
        on=printed_on,
    )
    heading = Heading(
        region_letterhead(recap.region), _("REKAP PP NO. 25 TAHUN 2011 PASAL 18"), number
    )
    caption = _("Disusun oleh,") + (f"\n{printed_by.position}," if printed_by.position else "")
    context = {
        "recap": recap,
        "tables": recap.tables(),
        "title": title,
        "signatories": [user_signatory(printed_by, caption, civil_servant=True)],
        "place_date": date_format(printed_on, "j F Y"),
    }
    return render_pdf("rehab/recap_pdf.html", context, stylesheet=STYLESHEET, heading=heading)
