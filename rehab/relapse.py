"""The relapse-risk trend: the ten items of "10 Hal Berbahaya dalam Proses Recovery" over a
participant's evaluations, as a chart (how many items are present) and a table (which ones)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rehab.charts import Bar, column_chart
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
    codes = [set(c) & set(RelapseRisk.values) for _d, _k, c in points]
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


def participant_relapse_trend(participant) -> RelapseTrend | None:
    """The trend over the participant's submitted and approved evaluations."""
    evaluations = Evaluation.objects.filter(
        enrollment__participant=participant, status__in=COUNTED_EVALUATION_STATUSES
    ).order_by("period", "id")
    return relapse_trend([(e.period, "", list(e.relapse_risks)) for e in evaluations])


def record_relapse_trend(record: dict) -> RelapseTrend | None:
    """The trend over the evaluations frozen in a handover record."""
    return relapse_trend(
        [
            (dt.date.fromisoformat(e["period"]), "", e["relapse_risks"])
            for e in record.get("evaluations", [])
        ]
    )
