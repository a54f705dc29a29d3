"""The regional (Kanwil) and national (Ditjenpas) dashboard: every facility in reach, one row each."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehab import charts
from rehab.permissions import OVERSIGHT_READERS
from rehab.reports.oversight import OversightBoard, oversight_board
from rehab.reports.periods import period_month, period_parse
from rehab.reports.recap import Recap, recap_figures
from rehab.reports.xlsx import tables_workbook
from rehab.selectors.reports import facilities_for
from rehab.views.reports import XLSX, _download
from rutan.dates import facility_today
from rutan.models import Facility, Region
from rutan.pdf import render_pdf
from rutan.permissions import role_required
from rutan.roles import Role

# The figure the map is shaded by: key → (label, value of a region row).
MAP_FIGURES = {
    "active": (gettext_lazy("Peserta aktif"), lambda r: r.active),
    "held": (gettext_lazy("Sesi terlaksana"), lambda r: r.held),
    "rate": (gettext_lazy("Tingkat kehadiran (%)"), lambda r: r.attendance_rate),
    "facilities": (gettext_lazy("UPT"), lambda r: r.facilities),
    "inactive": (gettext_lazy("UPT tanpa catatan 30 hari"), lambda r: r.inactive),
}


@role_required(*OVERSIGHT_READERS)
def oversight_dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    facilities = facilities_for(user)
    kind = request.GET.get("jenis", "")
    if kind in Facility.Kind.values:
        facilities = facilities.filter(kind=kind)
    region_code = request.GET.get("kanwil", "")
    region = Region.objects.filter(code=region_code).first() if region_code else None
    if region is not None:
        facilities = facilities.filter(region=region)
    asked = request.GET.get("periode")
    # "This month" where the reader sits: the Kanwil's province, or Jakarta for Ditjenpas.
    here = user.region.timezone if user.region_id else "Asia/Jakarta"
    period = period_parse(asked) or period_month(facility_today(here))
    sort = request.GET.get("urut", "name")
    descending = sort.startswith("-")
    board = oversight_board(
        facilities=facilities, period=period, sort=sort.lstrip("-"), descending=descending
    )
    query = request.GET.copy()
    query.pop("urut", None)
    figure = request.GET.get("peta", "active")
    if figure not in MAP_FIGURES:
        figure = "active"
    # Reversed once, not once per row: the national page has ~500 rows.
    report_url = reverse(
        "rehab:report_monthly", args=["UPT-CODE", period.start.year, period.start.month]
    )
    rows = [(row, report_url.replace("UPT-CODE", row.facility.code)) for row in board.rows]
    return render(
        request,
        "rehab/oversight.html",
        {
            "board": board,
            "rows": rows,
            "dashboard_url": reverse("rehab:dashboard"),
            "agreements_url": reverse("rehab:agreement_list"),
            "period": period,
            "bad_period": bool(asked) and period_parse(asked) is None,
            "kinds": Facility.Kind.choices,
            "kind": kind,
            "region": region or user.region,
            "region_filter": region,
            "sort": sort,
            "base_query": query.urlencode(),
            "figure": figure,
            "figures": [(key, label) for key, (label, _v) in MAP_FIGURES.items()],
            "map": _map(board, figure),
            "trend": _trend_chart(board),
            "recap_scope": user.region.code if user.region_id else "nasional",
        },
    )


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
    """The recap of `scope` ("nasional" or a province code) the user may read, or 404."""
    chosen = period_parse(period)
    if chosen is None:
        raise Http404
    facilities = facilities_for(request.user)
    if scope == "nasional":
        if not request.user.has_role(Role.PUSAT, Role.ADMIN):
            raise Http404
        region = None
    else:
        region = Region.objects.distinct().get_visible(request.user, code=scope)
        facilities = facilities.filter(region=region)
    return recap_figures(facilities=facilities, region=region, period=chosen)


def _recap_title(recap: Recap) -> str:
    return (
        _("Rekap PP No. 25 Tahun 2011 Pasal 18") + f" — {recap.scope_label}, {recap.period.label}"
    )


def _recap_filename(recap: Recap, extension: str) -> str:
    return f"rekap-pp25-{recap.scope_slug}-{recap.period.slug}.{extension}"


@role_required(*OVERSIGHT_READERS)
def recap(request: HttpRequest, scope: str, period: str) -> HttpResponse:
    result = _recap(request, scope, period)
    return render(
        request,
        "rehab/recap.html",
        {"recap": result, "tables": result.tables(), "title": _recap_title(result)},
    )


@role_required(*OVERSIGHT_READERS)
def recap_pdf(request: HttpRequest, scope: str, period: str) -> HttpResponse:
    result = _recap(request, scope, period)
    pdf = render_pdf(
        "rehab/recap_pdf.html",
        {
            "recap": result,
            "tables": result.tables(),
            "title": _recap_title(result),
            "printed_on": timezone.localdate(),
        },
        stylesheet="css/report_pdf.css",
    )
    return _download(pdf, "application/pdf", _recap_filename(result, "pdf"))


@role_required(*OVERSIGHT_READERS)
def recap_xlsx(request: HttpRequest, scope: str, period: str) -> HttpResponse:
    result = _recap(request, scope, period)
    title = _recap_title(result)
    content = tables_workbook(result.tables(), title=title, subtitle=title)
    return _download(content, XLSX, _recap_filename(result, "xlsx"))
