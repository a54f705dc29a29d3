"""The kepala's dashboard: charts drawn on the server, each with its numbers beside it."""

from django.db.models import Exists
from django.db.models import OuterRef
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
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
    context.update(board=board, charts=_charts(board), last_session=stale)
    context["outcomes"] = {
        "completion": board.completion,
        "assist": board.assist,
        "follow_ups": board.follow_ups,
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


def _charts(board) -> dict:
    weekly = charts.column_chart(
        [charts.Bar(date_format(w.week_start, "j M"), w.rate, "chart-fill-1") for w in board.weeks],
        title=_("Tingkat kehadiran per minggu (%)"),
        max_value=100,
        unit="%",
    )
    outcomes = charts.grouped_column_chart(
        [date_format(o.month, "M Y") for o in board.outcomes],
        [
            (_("Selesai"), "chart-fill-ok", [o.completions for o in board.outcomes]),
            (_("Keluar/berhenti"), "chart-fill-bad", [o.dropouts for o in board.outcomes]),
        ],
        title=_("Peserta selesai dan keluar per bulan"),
    )
    risks = charts.bar_chart(
        [
            charts.Bar(row.label, row.count, RISK_CLASSES[i])
            for i, row in enumerate(board.risk_levels)
        ],
        title=_("Sebaran tingkat risiko (skrining awal ASSIST)"),
    )
    recommendations = charts.bar_chart(
        [charts.Bar(row.label, row.count, "chart-fill-2") for row in board.recommendations],
        title=_("Rekomendasi evaluasi terakhir per peserta"),
        label_width=190,
    )
    agreements = charts.bar_chart(
        [
            charts.Bar(e.agreement.facility_number, e.days_left, "chart-fill-warn")
            for e in board.expiring_agreements
        ],
        title=_("Sisa hari berlakunya PKS"),
        max_value=60,
        unit=" " + _("hari"),
        label_width=200,
    )
    integrations = charts.bar_chart(
        [charts.Bar(row.label, row.count, "chart-fill-2") for row in board.integrations_by_kind],
        title=_("Usulan program integrasi menunggu keputusan"),
        label_width=200,
    )
    return {
        "weekly": weekly,
        "outcomes": outcomes,
        "risks": risks,
        "recommendations": recommendations,
        "agreements": agreements,
        "integrations": integrations,
    }
