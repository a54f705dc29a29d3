"""The monthly report and the recap as Excel workbooks: one sheet per table (rutan/workbooks.py)."""

from django.utils.translation import gettext as _

from rehab.reports.figures import MonthlyReport
from rehab.reports.tables import Table
from rehab.reports.tables import month_label
from rutan.workbooks import Column
from rutan.workbooks import sheet_add
from rutan.workbooks import workbook_bytes
from rutan.workbooks import workbook_new


def tables_workbook(tables: list[Table], *, title: str, subtitle: str) -> bytes:
    """One sheet per table, each under `title` and `subtitle` (facility or region, period)."""
    workbook = workbook_new(title=title)
    for table in tables:
        sheet_add(
            workbook,
            name=table.key,
            title=f"{title} — {table.title}",
            subtitle=subtitle,
            columns=[Column(str(column.label)) for column in table.columns],
            rows=table.rows,
            total=table.total,
            note=str(table.note or ""),
        )
    return workbook_bytes(workbook)


def monthly_report_workbook(report: MonthlyReport) -> bytes:
    label = month_label(report.month)
    return tables_workbook(
        report.tables(),
        title=_("Laporan Bulanan Program Rehabilitasi"),
        subtitle=f"{report.facility.name} — {label}",
    )
