"""The kepala's dashboard: charts drawn on the server, each with its numbers beside it."""

from dataclasses import dataclass

from django.db.models import Exists
from django.db.models import OuterRef
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from rehab import charts
from rehab.models import Cohort
from rehab.permissions import EVALUATION_READERS
from rehab.permissions import REPORT_ROLES
from rehab.relapse import cohort_relapse_trend
from rehab.relapse import counted_evaluations
from rehab.reports.dashboard import dashboard_figures
from rehab.selectors.reports import facilities_for
from rutan.dates import facility_today
from rutan.dates import query_day
from rutan.permissions import is_oversight
from rutan.permissions import role_required

RISK_CLASSES = ["chart-fill-ok", "chart-fill-warn", "chart-fill-bad", "chart-fill-muted"]


@dataclass(frozen=True)
class Figure:
    """One card of the dashboard (heading `h-<key>`): a chart, and beside it its numbers as a table
    (`table-<key>`)."""

    key: str
    title: str
    chart: str
    columns: list[str]
    rows: list[list]  # the values as the page prints them, one a column
    numbers_from: int = 1  # the columns from this one on hold numbers (right-aligned)
    note: str = ""
    empty: str = ""  # where given, stands instead of chart and table when there are no rows
    after: str = ""  # a template drawn under them

    @property
    def header(self) -> list[tuple[str, str]]:
        """Each column's label with its CSS class."""
        return list(zip(self.columns, self._classes, strict=True))

    @property
    def cells(self) -> list[list[tuple]]:
        """Each row's values with the CSS class of their column."""
        return [list(zip(row, self._classes, strict=True)) for row in self.rows]

    @property
    def _classes(self) -> list[str]:
        return ["" if i < self.numbers_from else "text-end" for i in range(len(self.columns))]


@role_required(*REPORT_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    # Listed once: the menu of facilities, and the one shown is picked from it (out of reach = 404).
    facilities = list(facilities_for(request.user).order_by("name"))
    code = request.GET.get("upt") or (request.user.facility.code if request.user.facility else "")
    if code:
        facility = next((f for f in facilities if f.code == code), None)
        if facility is None:
            raise Http404
    else:
        facility = facilities[0] if facilities else None
    # Today at the facility shown: the same day the home card and the registry count on.
    today = facility_today(facility) if facility else timezone.localdate()
    asked = request.GET.get("per")
    on = query_day(asked)
    context = {
        "facilities": facilities,
        "facility": facility,
        "on": on or today,
        "bad_date": bool(asked) and on is None,
        "show_identity": not is_oversight(request.user),
        # Kanwil and Ditjenpas read the figure but not the evaluations behind it.
        "may_list_evaluations": request.user.has_role(*EVALUATION_READERS),
    }
    if facility is None:
        return render(request, "rehab/dashboard.html", context)
    board = dashboard_figures(facility=facility, on=on or today)
    last = board.last_held_session
    # The weekly chart covers 8 weeks: point to the last activity when it lies further back.
    stale = last if last and ((on or today) - last).days > 56 else None
    context.update(board=board, figures=_figures(board), last_session=stale)
    context["outcomes"] = {
        "completion": board.completion,
        "assist": board.assist,
        **board.parts,
    }
    context.update(_cohort_trend(facility, request.GET.get("angkatan")))
    return render(request, "rehab/dashboard.html", context)


def _cohort_trend(facility, asked: str | None) -> dict:
    """The relapse-risk trend of the chosen cohort, else of the latest cohort evaluated."""
    # The menu and the choice from one query: each cohort says whether it has evaluations.
    evaluated = counted_evaluations().filter(enrollment__cohort=OuterRef("pk"))
    cohorts = list(
        Cohort.objects.filter(programme__facility=facility)
        .annotate(evaluated=Exists(evaluated))
        .order_by("-start_date", "name")
    )
    wanted = int(asked) if (asked or "").isdigit() else None
    chosen = next((c for c in cohorts if c.pk == wanted), None)
    if chosen is None:
        chosen = next((c for c in cohorts if c.evaluated), None)
    return {
        "trend_cohorts": cohorts,
        "trend_cohort": chosen,
        "cohort_trend": cohort_relapse_trend(chosen) if chosen else None,
    }


def _figures(board) -> list[Figure]:
    """The cards in the order the page shows them, each chart built beside its table."""
    build = (_weekly, _outcomes, _risks, _recommendations, _agreements, _integrations)
    return [figure(board) for figure in build]


def _weekly(board) -> Figure:
    chart = charts.column_chart(
        [charts.Bar(date_format(w.week_start, "j M"), w.rate, "chart-fill-1") for w in board.weeks],
        title=_("Tingkat kehadiran per minggu (%)"),
        max_value=100,
        unit="%",
    )
    return Figure(
        key="weekly",
        title=_("Tingkat kehadiran per minggu (8 minggu terakhir)"),
        chart=chart,
        columns=[_("Minggu mulai"), _("Hadir"), _("Tercatat"), "%"],
        rows=[
            [
                date_format(w.week_start, "j M"),
                w.attended,
                w.recorded,
                "–" if w.rate is None else w.rate,
            ]
            for w in board.weeks
        ],
    )


def _outcomes(board) -> Figure:
    chart = charts.grouped_column_chart(
        [date_format(o.month, "M Y") for o in board.outcomes],
        [
            (_("Selesai"), "chart-fill-ok", [o.completions for o in board.outcomes]),
            (_("Keluar/berhenti"), "chart-fill-bad", [o.dropouts for o in board.outcomes]),
        ],
        title=_("Peserta selesai dan keluar per bulan"),
    )
    return Figure(
        key="outcomes",
        title=_("Peserta selesai dan keluar per bulan"),
        chart=chart,
        columns=[_("Bulan"), _("Selesai"), _("Berhenti")],
        rows=[[date_format(o.month, "M Y"), o.completions, o.dropouts] for o in board.outcomes],
    )


def _risks(board) -> Figure:
    chart = charts.bar_chart(
        [
            charts.Bar(row.label, row.count, RISK_CLASSES[i])
            for i, row in enumerate(board.risk_levels)
        ],
        title=_("Sebaran tingkat risiko (skrining awal ASSIST)"),
    )
    return Figure(
        key="risk",
        title=_("Sebaran tingkat risiko peserta aktif"),
        note=_("Risiko tertinggi pada skrining awal ASSIST terakhir."),
        chart=chart,
        columns=[_("Tingkat risiko"), _("Orang")],
        rows=_counts(board.risk_levels),
    )


def _recommendations(board) -> Figure:
    return Figure(
        key="recommendations",
        title=_("Hasil evaluasi: rekomendasi terakhir per peserta"),
        note=_("Evaluasi yang diajukan atau disetujui dalam 6 bulan terakhir."),
        chart=charts.bar_chart(
            [charts.Bar(row.label, row.count, "chart-fill-2") for row in board.recommendations],
            title=_("Rekomendasi evaluasi terakhir per peserta"),
            label_width=190,
        ),
        columns=[_("Rekomendasi"), _("Orang")],
        rows=_counts(board.recommendations),
    )


def _agreements(board) -> Figure:
    expiring = board.expiring_agreements
    chart = charts.bar_chart(
        [charts.Bar(e.agreement.facility_number, e.days_left, "chart-fill-warn") for e in expiring],
        title=_("Sisa hari berlakunya PKS"),
        max_value=60,
        unit=" " + _("hari"),
        label_width=200,
    )
    rows = [
        [
            format_html(
                '{}<br><span class="text-body-secondary">{}</span>',
                e.agreement.facility_number,
                e.agreement.partner,
            ),
            date_format(e.agreement.valid_until, "j M Y"),
            e.days_left,
        ]
        for e in expiring
    ]
    return Figure(
        key="agreements",
        title=_("PKS yang akan berakhir (60 hari)"),
        empty=_("Tidak ada PKS yang berakhir dalam 60 hari."),
        chart=chart,
        columns=[_("PKS"), _("Berlaku sampai"), _("Sisa hari")],
        numbers_from=2,
        rows=rows,
    )


def _integrations(board) -> Figure:
    # Under the chart, the proposals themselves (rehab/_dashboard_integrations.html).
    chart = charts.bar_chart(
        [charts.Bar(row.label, row.count, "chart-fill-2") for row in board.integrations_by_kind],
        title=_("Usulan program integrasi menunggu keputusan"),
        label_width=200,
    )
    return Figure(
        key="integrations",
        title=_("Usulan program integrasi menunggu Sidang TPP"),
        chart=chart,
        columns=[_("Jenis"), _("Usulan")],
        rows=_counts(board.integrations_by_kind),
        after="rehab/_dashboard_integrations.html",
    )


def _counts(rows) -> list[list]:
    return [[row.label, row.count] for row in rows]
