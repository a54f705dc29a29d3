"""The regional (Kanwil) and national (Ditjenpas) dashboard: every facility in reach, one row each."""

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehab import charts
from rehab.filters import OversightFilter
from rehab.models import ReportJob
from rehab.permissions import OVERSIGHT_READERS
from rehab.reports.oversight import OversightBoard
from rehab.reports.oversight import oversight_board
from rehab.reports.oversight import trend_months
from rehab.reports.pdf import render_recap_pdf
from rehab.reports.periods import period_month
from rehab.reports.periods import period_parse
from rehab.reports.recap import Recap
from rehab.reports.recap_pdf import recap_filename
from rehab.reports.recap_pdf import recap_for
from rehab.reports.recap_pdf import recap_title
from rehab.reports.summary import kept_for
from rehab.reports.xlsx import tables_workbook
from rehab.selectors.reports import facilities_for
from rehab.views.report_jobs import pdf_response
from rehab.views.reports import XLSX
from rehab.views.reports import _download
from rutan.dates import facility_today
from rutan.models import Facility
from rutan.models import Region
from rutan.permissions import role_required

# The figure the map is shaded by: key → (label, value of a region row).
MAP_FIGURES = {
    "active": (gettext_lazy("Peserta aktif"), lambda r: r.active),
    "held": (gettext_lazy("Sesi terlaksana"), lambda r: r.held),
    "rate": (gettext_lazy("Tingkat kehadiran (%)"), lambda r: r.attendance_rate),
    "facilities": (gettext_lazy("UPT"), lambda r: r.facilities),
    "inactive": (gettext_lazy("UPT tanpa catatan 30 hari"), lambda r: r.inactive),
}


# At most as long as the summary job's own cadence (every 10 minutes).
BOARD_SECONDS = 10 * 60


def reader_zone(user) -> str:
    """Where the reader sits: the Kanwil's province, or Jakarta for Ditjenpas."""
    return user.region.timezone if user.region_id else "Asia/Jakarta"


@role_required(*OVERSIGHT_READERS)
def oversight_dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = OversightFilter(request.GET, queryset=facilities_for(user))
    facilities, region = filters.qs, filters.region
    asked = request.GET.get("periode")
    here = reader_zone(user)
    period = period_parse(asked) or period_month(facility_today(here))
    sort = request.GET.get("urut", "name")
    figure = request.GET.get("peta", "active")
    if figure not in MAP_FIGURES:
        figure = "active"
    refreshed_at, board_html = _board_part(
        request, facilities=facilities, period=period, sort=sort, figure=figure
    )
    return render(
        request,
        "rehab/oversight.html",
        {
            "board_html": board_html,
            "refreshed_at": refreshed_at,
            "period": period,
            "bad_period": bool(asked) and period_parse(asked) is None,
            "kinds": Facility.Kind.choices,
            "kind": filters.kind,
            "region": region or user.region,
            "region_filter": region,
            "figure": figure,
            "figures": [(key, label) for key, (label, _v) in MAP_FIGURES.items()],
            "recap_scope": user.region.code if user.region_id else "nasional",
            "reader_zone": here,
        },
    )


def _board_part(request: HttpRequest, *, facilities, period, sort: str, figure: str):
    """(when the summary was computed, the rendered rows, map, regions and trend).

    Rendering ~500 rows costs more than reading them; a board drawn from the summary is kept
    as HTML until the summary job writes again (or BOARD_SECONDS pass), under a key made of
    the facilities in reach, the query and the language. A board counted live is never kept.
    """
    # Whether the summary kept the board's figures, and its stamp: one query.
    kept = kept_for(period, trend_months(period))
    stamp = kept.stamp
    key = None
    if stamp:
        material = repr(
            (
                stamp,
                sorted(facilities.values_list("pk", flat=True)),
                sorted(request.GET.lists()),
                translation.get_language(),
            )
        )
        key = "oversight-board:" + hashlib.sha256(material.encode()).hexdigest()
        part = cache.get(key)
        if part is not None:
            return part
    board = oversight_board(
        facilities=facilities,
        period=period,
        sort=sort.lstrip("-"),
        descending=sort.startswith("-"),
        kept=kept,
    )
    query = request.GET.copy()
    query.pop("urut", None)
    # Reversed once, not once per row: the national page has ~500 rows.
    report_url = reverse(
        "rehab:report_monthly", args=["UPT-CODE", period.start.year, period.start.month]
    )
    rows = [(row, report_url.replace("UPT-CODE", row.facility.code)) for row in board.rows]
    html = render_to_string(
        "rehab/_oversight_board.html",
        {
            "board": board,
            "rows": rows,
            "dashboard_url": reverse("rehab:dashboard"),
            "agreements_url": reverse("rehab:agreement_list"),
            "period": period,
            "sort": sort,
            "base_query": query.urlencode(),
            "map": _map(board, figure),
            "trend": _trend_chart(board),
        },
        request=request,
    )
    part = (board.refreshed_at, html)
    if key and board.refreshed_at is not None:
        cache.set(key, part, BOARD_SECONDS)
    return part


def _map(board: OversightBoard, figure: str):
    label, value = MAP_FIGURES[figure]
    in_reach = {row.region.pk: row for row in board.regions}
    tiles = []
    for region in Region.objects.order_by("code"):
        row = in_reach.get(region.pk)
        tiles.append(
            charts.Tile(
                row=region.grid_row,
                col=region.grid_col,
                label=region.abbreviation or region.code,
                title=region.name,
                value=value(row) if row else None,
                href=f"?kanwil={region.code}&periode={board.period.slug}" if row else "",
            )
        )
    return charts.tile_map(tiles, title=_("Peta provinsi: %(figure)s") % {"figure": label})


def _trend_chart(board: OversightBoard):
    return charts.grouped_column_chart(
        [date_format(m.month, "M y") for m in board.trend],
        [(_("Sesi terlaksana"), "chart-fill-1", [m.held for m in board.trend])],
        title=_("Sesi terlaksana per bulan, 12 bulan terakhir"),
    )


def _recap(request: HttpRequest, scope: str, period: str) -> Recap:
    return recap_for(request.user, scope, period)


@role_required(*OVERSIGHT_READERS)
def recap(request: HttpRequest, scope: str, period: str) -> HttpResponse:
    result = _recap(request, scope, period)
    return render(
        request,
        "rehab/recap.html",
        {
            "recap": result,
            "tables": result.tables(),
            "title": recap_title(result),
            "reader_zone": reader_zone(request.user),
        },
    )


@role_required(*OVERSIGHT_READERS)
def recap_pdf(request: HttpRequest, scope: str, period: str) -> HttpResponse:
    result = _recap(request, scope, period)
    printed_on = timezone.localdate()
    return pdf_response(
        request,
        kind=ReportJob.Kind.RECAP,
        params={"scope": scope, "period": period, "printed_on": printed_on.isoformat()},
        filename=recap_filename(result, "pdf"),
        render=lambda: render_recap_pdf(
            result, title=recap_title(result), printed_by=request.user, printed_on=printed_on
        ),
    )


@role_required(*OVERSIGHT_READERS)
def recap_xlsx(request: HttpRequest, scope: str, period: str) -> HttpResponse:
    result = _recap(request, scope, period)
    content = tables_workbook(
        result.tables(),
        title=_("Rekap PP No. 25 Tahun 2011 Pasal 18"),
        subtitle=f"{result.scope_label} — {result.period.label}",
    )
    return _download(content, XLSX, recap_filename(result, "xlsx"))
