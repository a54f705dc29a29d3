"""The monthly report (page, PDF, Excel) and the review-board dossier.

Kepala and admin read reports; a kepala only of their own facility (another facility is a 404,
like a missing one). Petugas and facilitators get 403: reports aggregate the whole facility.
"""

import datetime as dt

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from participants.models import IntegrationProgramme
from rehab.forms.reports import MonthlyReportForm
from rehab.models import ReportJob
from rehab.permissions import DOSSIER_ROLES
from rehab.permissions import REPORT_ROLES
from rehab.reports.dossier import dossier_for
from rehab.reports.dossier import render_dossier_pdf
from rehab.reports.figures import MonthlyReport
from rehab.reports.figures import monthly_report
from rehab.reports.pdf import kept_monthly_report
from rehab.reports.pdf import kept_monthly_report_pdf
from rehab.reports.tables import month_label
from rehab.reports.xlsx import monthly_report_workbook
from rehab.selectors.reports import facilities_for
from rehab.selectors.reports import months_with_sessions
from rehab.selectors.reports import waiting_integrations
from rehab.views.report_jobs import pdf_response
from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.dates import previous_month
from rutan.models import Facility
from rutan.permissions import is_oversight
from rutan.permissions import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(*REPORT_ROLES)
def report_index(request: HttpRequest) -> HttpResponse:
    facilities = facilities_for(request.user)
    if "month" in request.GET:
        form = MonthlyReportForm(request.GET, facilities=facilities)
        if form.is_valid():
            month = form.cleaned_data["month"]
            return redirect(
                "rehab:report_monthly",
                facility_code=form.cleaned_data["facility"].code,
                year=month.year,
                month=month.month,
            )
    else:
        form = MonthlyReportForm(
            facilities=facilities,
            initial={
                "facility": request.user.facility.code if request.user.facility else None,
                "month": previous_month(timezone.localdate()),
            },
        )
    return render(
        request,
        "rehab/report_index.html",
        {
            "form": form,
            "integrations": waiting_integrations(request.user)[:200],
            "show_identity": not is_oversight(request.user),
            "recent_months": months_with_sessions(request.user),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _facility_month(request, facility_code: str, year: int, month: int) -> dict:
    """The facility (in scope, else 404) and the first day of the month a report is asked for."""
    facility = Facility.objects.select_related("region").get_visible(
        request.user, code=facility_code
    )
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    return {"facility": facility, "month": dt.date(year, month, 1)}


def _filename(report: MonthlyReport, extension: str) -> str:
    return f"laporan-bulanan-{report.facility.code}-{report.month:%Y-%m}.{extension}"


def _record_report_download(request: HttpRequest, report: MonthlyReport, kind: str) -> None:
    audit_record(
        user=request.user,
        action=AuditAction.REPORT_DOWNLOAD,
        obj=report.facility,
        facility_id=report.facility.pk,
        detail=f"{kind} {report.month:%Y-%m}",
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


@role_required(*REPORT_ROLES)
def report_monthly(request: HttpRequest, facility_code: str, year: int, month: int) -> HttpResponse:
    report = monthly_report(**_facility_month(request, facility_code, year, month))
    return render(
        request,
        "rehab/report_monthly.html",
        {
            "report": report,
            "sections": report.sections(),
            "month_label": month_label(report.month),
            "previous": previous_month(report.month),
            "next": (report.month + dt.timedelta(days=32)).replace(day=1),
        },
    )


@role_required(*REPORT_ROLES)
def report_monthly_pdf(
    request: HttpRequest, facility_code: str, year: int, month: int
) -> HttpResponse:
    report = monthly_report(**_facility_month(request, facility_code, year, month))
    printed_on = timezone.localdate()
    _record_report_download(request, report, "pdf")
    return pdf_response(
        request,
        kind=ReportJob.Kind.MONTHLY,
        params={
            "facility": report.facility.code,
            "year": year,
            "month": month,
            "printed_on": printed_on.isoformat(),
        },
        filename=_filename(report, "pdf"),
        render=lambda: kept_monthly_report_pdf(report, printed_on=printed_on),
        kept=lambda: kept_monthly_report(report, printed_on=printed_on),
    )


@role_required(*REPORT_ROLES)
def report_monthly_xlsx(
    request: HttpRequest, facility_code: str, year: int, month: int
) -> HttpResponse:
    report = monthly_report(**_facility_month(request, facility_code, year, month))
    workbook = monthly_report_workbook(report)
    _record_report_download(request, report, "xlsx")
    return _download(workbook, XLSX, _filename(report, "xlsx"))


@role_required(*DOSSIER_ROLES)
def dossier_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    integration = IntegrationProgramme.objects.select_related(
        "participant__facility", "guarantor"
    ).get_visible(request.user, pk=pk)
    dossier = dossier_for(integration, printed_on=timezone.localdate(), viewer=request.user)
    # The dossier gathers a person's identity and case: record who printed it.
    audit_record(
        user=request.user,
        action=AuditAction.DOSSIER_DOWNLOAD,
        obj=integration,
        facility_id=integration.participant.facility_id,
    )
    filename = f"berkas-sidang-tpp-{integration.participant.registration_number}.pdf"
    return pdf_response(
        request,
        kind=ReportJob.Kind.DOSSIER,
        params={"integration": integration.pk, "printed_on": dossier.printed_on.isoformat()},
        filename=filename.replace("/", "-"),
        render=lambda: render_dossier_pdf(dossier),
    )
