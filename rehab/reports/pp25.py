"""The seven aspects of PP No. 25 Tahun 2011 Pasal 18, counted over the enrolments handled.

Counting happens in two steps so that a facility's monthly report, a region's or the nation's
recap and the summary the recap reads at national size share one definition:
`pp25_counts` counts distinct participants in the database, per facility when asked, into plain
JSON (`Counts`); `pp25_from_counts` labels them. A recap is `pp25_sum` of its facilities' counts,
so a region's recap for a month is the sum of its facilities' monthly reports.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment
from participants.models import Participant
from participants.vocabularies import CODED_FIELDS
from participants.vocabularies import VOCABULARY_OF
from rehab.reports.tables import Column
from rehab.reports.tables import CountRow
from rehab.reports.tables import Table
from rutan.dates import add_years

NOT_RECORDED = _("Tidak dicatat")
UNKNOWN = "unknown"

# (label, lowest age, highest age) at the end of the period; None means open-ended.
AGE_BANDS = [
    (_("Di bawah 18 tahun"), None, 17),
    (_("18–25 tahun"), 18, 25),
    (_("26–35 tahun"), 26, 35),
    (_("36–45 tahun"), 36, 45),
    (_("Di atas 45 tahun"), 46, None),
]
# (label, fewest months, most months) of use.
DURATION_BANDS = [
    (_("Kurang dari 1 tahun"), None, 11),
    (_("1–2 tahun"), 12, 35),
    (_("3–5 tahun"), 36, 71),
    (_("6–10 tahun"), 72, 131),
    (_("Lebih dari 10 tahun"), 132, None),
]

# {"handled": n, "sex": {"M": n, "F": n}, "age": {"0".."4" or "unknown": n},
#  "duration": {...}, "primary_substance": {code: n}, …}: JSON, so the summary can keep it.
Counts = dict[str, Any]


def _band_filter(field_name: str, low, high) -> Q:
    q = Q()
    if low is not None:
        q &= Q(**{f"{field_name}__gte": low})
    if high is not None:
        q &= Q(**{f"{field_name}__lte": high})
    return q


def _age_filter(end: dt.date, low, high) -> Q:
    """Born so that the age on `end` lies in [low, high]."""
    q = Q(participant__birth_date__isnull=False)
    if low is not None:
        q &= Q(participant__birth_date__lte=add_years(end, -low))
    if high is not None:
        q &= Q(participant__birth_date__gt=add_years(end, -(high + 1)))
    return q


def _people(q: Q | None = None) -> Count:
    """Distinct participants (a person enrolled twice in the period counts once)."""
    return Count("participant", distinct=True, filter=q)


def empty_counts() -> Counts:
    return {"handled": 0, "sex": {}, "age": {}, "duration": {}, **{f: {} for f in CODED_FIELDS}}


def _aggregates(end: dt.date) -> dict[str, Count]:
    """The one-row counts: people handled, by sex, age band on `end` and duration band."""
    duration = "participant__use_duration_months"
    return {
        "handled": _people(),
        **{f"sex_{code}": _people(Q(participant__sex=code)) for code in Participant.Sex.values},
        f"age_{UNKNOWN}": _people(Q(participant__birth_date__isnull=True)),
        **{
            f"age_{i}": _people(_age_filter(end, low, high))
            for i, (_label, low, high) in enumerate(AGE_BANDS)
        },
        f"duration_{UNKNOWN}": _people(Q(**{f"{duration}__isnull": True})),
        **{
            f"duration_{i}": _people(_band_filter(duration, low, high))
            for i, (_label, low, high) in enumerate(DURATION_BANDS)
        },
    }


def _counts_of_row(row: dict) -> Counts:
    """Counts from a row of `_aggregates` (the coded fields still empty)."""
    counts = empty_counts()
    counts["handled"] = row["handled"]
    for name, n in row.items():
        if name != "handled" and n:
            aspect, key = name.split("_", 1)
            counts[aspect][key] = n
    return counts


def pp25_counts(
    handled: QuerySet[Enrollment], end: dt.date, *, by: str | None = None
) -> dict[Any, Counts]:
    """Counts of the participants of `handled` per value of the path `by` (None: one group,
    keyed None), ages taken on `end`. Two queries: the counts, then the coded fields.
    """
    aggregates = _aggregates(end)
    keys = [by] if by else []
    rows = handled.values(*keys).annotate(**aggregates).order_by() if by else []
    if not by:
        rows = [handled.aggregate(**aggregates)]
    result = {(row.pop(by) if by else None): _counts_of_row(row) for row in rows}
    _count_coded(result, handled, keys)
    return result


PART_PREFIX = "pp25_"


def pp25_part(handled: QuerySet[Enrollment], end: dt.date) -> tuple:
    """The one-row counts of `pp25_counts` (by None) as an aggregate part (rutan.aggregates),
    named with PART_PREFIX; `pp25_from_row` reads them back."""
    return handled, {PART_PREFIX + name: n for name, n in _aggregates(end).items()}


def pp25_from_row(row: dict, handled: QuerySet[Enrollment]) -> "Pp25":
    """The seven aspects from an aggregate row holding `pp25_part`, plus the coded fields
    counted now (one query)."""
    own = {k.removeprefix(PART_PREFIX): n for k, n in row.items() if k.startswith(PART_PREFIX)}
    result = {None: _counts_of_row(own)}
    _count_coded(result, handled, [])
    return pp25_from_counts(result[None])


def _count_coded(result: dict[Any, Counts], handled: QuerySet[Enrollment], keys: list[str]):
    """Add the people per code of every coded field to `result`, in one query.

    Grouped by every coded field at once: a person has one value of each, so lies in exactly
    one group, and the people of a code are the sum of the groups that have that code.
    """
    paths = [f"participant__{field_name}" for field_name in CODED_FIELDS]
    for row in handled.values(*keys, *paths).annotate(n=_people()).order_by():
        group = result.setdefault(row[keys[0]] if keys else None, empty_counts())
        for field_name, path in zip(CODED_FIELDS, paths, strict=True):
            code = row[path] or ""
            group[field_name][code] = group[field_name].get(code, 0) + row["n"]


def pp25_sum(many: Iterable[Counts]) -> Counts:
    """The counts of several groups (facilities) added up."""
    total = empty_counts()
    for counts in many:
        total["handled"] += counts.get("handled", 0)
        for aspect, values in counts.items():
            if aspect != "handled":
                into = total.setdefault(aspect, {})
                for key, n in values.items():
                    into[key] = into.get(key, 0) + n
    return total


def _coded(counts: dict[str, int], field_name: str, *, all_codes: bool = False) -> list[CountRow]:
    """A coded field's counts, labelled; 'not recorded' last.

    Codes nobody has are left out unless `all_codes`; a value outside the vocabulary (only
    possible by editing the database) is counted as not recorded rather than shown raw.
    """
    vocabulary = VOCABULARY_OF[field_name]
    rows = [
        CountRow(str(label), counts.get(code, 0))
        for code, label in vocabulary.choices
        if all_codes or counts.get(code)
    ]
    missing = sum(n for code, n in counts.items() if code not in vocabulary.values)
    return rows + ([CountRow(str(NOT_RECORDED), missing)] if missing or all_codes else [])


def _banded(counts: dict[str, int], bands) -> list[CountRow]:
    unknown = CountRow(str(_("Tidak diketahui")), counts.get(UNKNOWN, 0))
    return [CountRow(str(label), counts.get(str(i), 0)) for i, (label, *_r) in enumerate(bands)] + [
        unknown
    ]


@dataclass
class Pp25:
    """The seven aspects of PP No. 25 Tahun 2011 Pasal 18 over a set of participants handled."""

    handled: int
    sex: list[CountRow]
    age_bands: list[CountRow]
    substances: list[CountRow]
    durations: list[CountRow]
    routes: list[CountRow]
    diagnoses: list[CountRow]
    treatment_history: list[CountRow]

    def tables(self) -> list[Table]:
        def counts(key, title, rows, first_label, *, total=True):
            return Table(
                key=str(key),
                title=str(title),
                columns=[Column(str(first_label)), Column(str(_("Jumlah orang")), numeric=True)],
                rows=[[str(r.label), r.count] for r in rows],
                total=[str(_("Jumlah")), sum(r.count for r in rows)] if total else None,
                section=str(_("Rekap PP No. 25 Tahun 2011 Pasal 18")),
            )

        return [
            counts(
                _("PP25 Jumlah"),
                _("1. Jumlah warga binaan yang ditangani"),
                [CountRow(str(_("Ditangani dalam program rehabilitasi")), self.handled)],
                _("Uraian"),
                total=False,
            ),
            counts(
                _("PP25 Jenis kelamin"),
                _("2a. Identitas: jenis kelamin"),
                self.sex,
                _("Jenis kelamin"),
            ),
            counts(
                _("PP25 Umur"),
                _("2b. Identitas: kelompok umur"),
                self.age_bands,
                _("Kelompok umur"),
            ),
            counts(_("PP25 Zat"), _("3. Zat yang digunakan"), self.substances, _("Zat utama")),
            counts(
                _("PP25 Lama pakai"), _("4. Lama pemakaian"), self.durations, _("Lama pemakaian")
            ),
            counts(_("PP25 Cara pakai"), _("5. Cara pemakaian"), self.routes, _("Cara pakai")),
            counts(_("PP25 Diagnosis"), _("6. Diagnosis"), self.diagnoses, _("Diagnosis")),
            counts(
                _("PP25 Riwayat terapi"),
                _("7. Riwayat terapi/rehabilitasi"),
                self.treatment_history,
                _("Riwayat"),
            ),
        ]


def pp25_from_counts(counts: Counts) -> Pp25:
    """The seven aspects, labelled, from counts of `pp25_counts` or `pp25_sum`."""
    return Pp25(
        handled=counts["handled"],
        sex=[
            CountRow(str(label), counts["sex"].get(code, 0))
            for code, label in Participant.Sex.choices
        ],
        age_bands=_banded(counts["age"], AGE_BANDS),
        substances=_coded(counts["primary_substance"], "primary_substance"),
        durations=_banded(counts["duration"], DURATION_BANDS),
        routes=_coded(counts["use_route"], "use_route"),
        diagnoses=_coded(counts["diagnosis"], "diagnosis"),
        treatment_history=_coded(counts["treatment_history"], "treatment_history", all_codes=True),
    )
