"""The relapse-risk trend: the ten items of "10 Hal Berbahaya dalam Proses Recovery" over a
participant's evaluations, as a chart (how many items are present) and a table (which ones)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rehab.charts import Bar
from rehab.charts import column_chart
from rehab.models import Evaluation
from rehab.models.evaluations import RelapseRisk
from rehab.reports.activity import COUNTED_EVALUATION_STATUSES


@dataclass
class RelapseTrend:
    periods: list[str]
    counts: list[int]
    rows: list[tuple[str, list[bool]]]
    chart: SafeString


def relapse_trend(points: list[tuple[dt.date, str, list[str]]]) -> RelapseTrend | None:
    """From (period, kind label, risk codes) oldest first; None without any evaluation."""
    if not points:
        return None
    periods = [date_format(day, "M Y") for day, _k, _c in points]
    codes = [_known(c) for _d, _k, c in points]
    counts = [len(c) for c in codes]
    rows = [(str(label), [value in c for c in codes]) for value, label in RelapseRisk.choices]
    chart = column_chart(
        [
            Bar(date_format(day, "M Y"), n, "chart-fill-1")
            for (day, _k, _c), n in zip(points, counts, strict=True)
        ],
        title=_("Jumlah faktor risiko relapse (dari 10) per evaluasi"),
        max_value=len(RelapseRisk.values),
    )
    return RelapseTrend(periods, counts, rows, chart)


def _known(codes) -> set[str]:
    """The checklist items among stored codes (a retired code is not counted)."""
    return set(codes) & set(RelapseRisk.values)


def counted_evaluations():
    """The evaluations a trend counts: submitted and approved ones, oldest first."""
    return Evaluation.objects.filter(status__in=COUNTED_EVALUATION_STATUSES).order_by(
        "period", "id"
    )


def evaluations_relapse_trend(evaluations) -> RelapseTrend | None:
    """The trend over already chosen evaluations, in their order (participant page, dossier)."""
    return relapse_trend([(e.period, "", list(e.relapse_risks)) for e in evaluations])


def participant_relapse_trend(participant) -> RelapseTrend | None:
    """The trend over the participant's submitted and approved evaluations."""
    return evaluations_relapse_trend(
        counted_evaluations().filter(enrollment__participant=participant)
    )


@dataclass
class CohortRelapseTrend:
    """Per evaluation month of a cohort: how many evaluations, how many name each item."""

    periods: list[str]
    evaluated: list[int]
    averages: list[float]
    rows: list[tuple[str, list[int]]]
    chart: SafeString


def cohort_relapse_trend(cohort) -> CohortRelapseTrend | None:
    """The cohort's trend: the average number of items per evaluation, month by month."""
    by_month: dict[dt.date, list[set[str]]] = {}
    rows = counted_evaluations().filter(enrollment__cohort=cohort)
    for period, codes in rows.values_list("period", "relapse_risks"):
        by_month.setdefault(period.replace(day=1), []).append(_known(codes))
    if not by_month:
        return None
    months = sorted(by_month)
    periods = [date_format(month, "M Y") for month in months]
    evaluated = [len(by_month[m]) for m in months]
    averages = [round(sum(map(len, by_month[m])) / len(by_month[m]), 1) for m in months]
    rows = [
        (str(label), [sum(value in codes for codes in by_month[m]) for m in months])
        for value, label in RelapseRisk.choices
    ]
    chart = column_chart(
        [Bar(p, a, "chart-fill-1") for p, a in zip(periods, averages, strict=True)],
        title=_("Rata-rata jumlah faktor risiko relapse (dari 10) per evaluasi"),
        max_value=len(RelapseRisk.values),
    )
    return CohortRelapseTrend(periods, evaluated, averages, rows, chart)


def record_relapse_trend(record: dict) -> RelapseTrend | None:
    """The trend over the evaluations frozen in a handover record."""
    return relapse_trend(
        [
            (dt.date.fromisoformat(e["period"]), "", e["relapse_risks"])
            for e in record.get("evaluations", [])
        ]
    )
