"""What happened in a set of cohorts during a period, computed in the database.

Shared by the monthly report (all cohorts of a facility, one month) and the programme
evaluation (the cohorts run under one agreement, its period). A fixed number of queries.

Definitions (dates are the facility's local dates, periods include both ends):
- handled (ditangani): distinct participants with an enrolment active during the period
  (`Enrollment.objects.active_during`: activated, with a valid informed consent, not ended or
  suspended before the period); active at the end: `Enrollment.objects.active_on(end)`, the
  same definition every screen uses;
- completions / drop-outs: enrolments completed / dropped out with ended_on in the period;
- sessions held: sessions marked held that started in the period; attendance rate: present or
  late among the attendance rows recorded for those sessions;
- evaluations: participant evaluations for a month in the period that were submitted or
  approved (drafts and returned ones are still being written).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from decimal import ROUND_HALF_UP
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Avg
from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import RelapseRisk
from rehab.models import ReviewStatus
from rehab.models.evaluations import SCORED_DOMAINS
from rutan.aggregates import aggregate_together
from sessions.models import Attendance
from sessions.models import Session

COUNTED_EVALUATION_STATUSES = (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED)
ATTENDED_STATUSES = tuple(Attendance.ATTENDED)


def percent(part: int, whole: int) -> Decimal | None:
    """part/whole as a percentage with one decimal, or None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


class AttendanceRate:
    """For a row with `attended` of `recorded` attendance rows: the rate, in percent."""

    @property
    def rate(self) -> Decimal | None:
        return percent(self.attended, self.recorded)

    @property
    def attendance_rate(self) -> Decimal | None:
        return self.rate


class AttendanceByStatus(AttendanceRate):
    """For a row that counts its attendance rows by status (`attendance_by_status`)."""

    @property
    def recorded(self) -> int:
        return sum(self.attendance_by_status.values())

    @property
    def attended(self) -> int:
        return sum(self.attendance_by_status.get(status, 0) for status in ATTENDED_STATUSES)


def one_decimal(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def local_bounds(start: dt.date, end: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime]:
    """The instants from the start of `start` to the end of `end` in the facility's zone."""
    tz = ZoneInfo(zone)
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def evaluation_domains() -> list[tuple[str, str]]:
    """(field name, label) of the evaluation scores that are averaged in reports."""
    names = ("knowledge_pre", "knowledge_post", *SCORED_DOMAINS)
    return [(name, str(capfirst(Evaluation._meta.get_field(name).verbose_name))) for name in names]


@dataclass
class ScoreChange:
    """A domain's average in the first and last month of the period that has evaluations."""

    domain: str
    first: Decimal | None
    last: Decimal | None

    @property
    def label(self) -> str:
        if self.domain == "knowledge":
            return str(_("Pengetahuan NAPZA (pre-test → post-test)"))
        return dict(evaluation_domains())[self.domain]

    @property
    def delta(self) -> Decimal | None:
        if self.first is None or self.last is None:
            return None
        return self.last - self.first


@dataclass
class Activity(AttendanceByStatus):
    """What happened in a set of cohorts during a period."""

    participants_handled: int = 0
    new_enrolments: int = 0
    active_at_end: int = 0
    completions: int = 0
    dropouts: int = 0
    other_exits: int = 0
    sessions_held: int = 0
    sessions_planned: int = 0
    sessions_cancelled: int = 0
    attendance_by_status: dict[str, int] = field(default_factory=dict)
    evaluations_counted: int = 0
    evaluations_approved: int = 0
    evaluations_waiting: int = 0
    domain_averages: dict[str, Decimal | None] = field(default_factory=dict)
    recommendations: dict[str, int] = field(default_factory=dict)
    relapse_risks: dict[str, int] = field(default_factory=dict)
    score_changes: list[ScoreChange] = field(default_factory=list)

    # The report's names for the counts.
    attendance_recorded = AttendanceByStatus.recorded
    attendance_attended = AttendanceByStatus.attended

    @property
    def knowledge_change(self) -> Decimal | None:
        pre = self.domain_averages.get("knowledge_pre")
        post = self.domain_averages.get("knowledge_post")
        return None if pre is None or post is None else post - pre

    def to_json(self) -> dict:
        """Plain JSON, to freeze the figures of an approved evaluation."""
        return {
            "participants_handled": self.participants_handled,
            "new_enrolments": self.new_enrolments,
            "active_at_end": self.active_at_end,
            "completions": self.completions,
            "dropouts": self.dropouts,
            "other_exits": self.other_exits,
            "sessions_held": self.sessions_held,
            "sessions_planned": self.sessions_planned,
            "sessions_cancelled": self.sessions_cancelled,
            "attendance_by_status": self.attendance_by_status,
            "evaluations_counted": self.evaluations_counted,
            "evaluations_approved": self.evaluations_approved,
            "evaluations_waiting": self.evaluations_waiting,
            "domain_averages": {k: _dec_str(v) for k, v in self.domain_averages.items()},
            "recommendations": self.recommendations,
            "relapse_risks": self.relapse_risks,
            "score_changes": [
                [c.domain, _dec_str(c.first), _dec_str(c.last)] for c in self.score_changes
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Activity":
        values = dict(data)
        values["domain_averages"] = {
            k: _str_dec(v) for k, v in data.get("domain_averages", {}).items()
        }
        values["score_changes"] = [
            ScoreChange(domain, _str_dec(first), _str_dec(last))
            for domain, first, last in data.get("score_changes", [])
        ]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in values.items() if k in known})


def _dec_str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _str_dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def handled_enrollments(cohorts: QuerySet[Cohort], start: dt.date, end: dt.date):
    """Enrolments of `cohorts` active during the period (see the module docstring)."""
    return (
        Enrollment.objects.filter(cohort__in=cohorts)
        .active_during(start, end)
        .annotate(started_on=Coalesce("activated_on", "enrolled_on"))
    )


def programme_activity(
    *, cohorts: QuerySet[Cohort], start: dt.date, end: dt.date, zone: str
) -> Activity:
    """Enrolment, session, attendance and evaluation figures of `cohorts` in [start, end].

    Two queries: the one-row counts of every table together, and the evaluations' relapse
    risks and scores month by month.
    """
    parts, counted = activity_parts(cohorts=cohorts, start=start, end=end, zone=zone)
    return activity_from_row(aggregate_together(*parts), counted)


def activity_parts(
    *, cohorts: QuerySet[Cohort], start: dt.date, end: dt.date, zone: str
) -> tuple[list[tuple], QuerySet[Evaluation]]:
    """The aggregate parts of `programme_activity` (to send with a caller's own parts, see
    rutan.aggregates), and the evaluations counted, for `activity_from_row`."""
    since, until = local_bounds(start, end, zone)
    sessions = Session.objects.filter(cohort__in=cohorts, starts_at__gte=since, starts_at__lt=until)
    counted = Evaluation.objects.filter(
        enrollment__cohort__in=cohorts,
        period__gte=start.replace(day=1),
        period__lte=end,
        status__in=COUNTED_EVALUATION_STATUSES,
    )
    parts = [
        _enrolment_counts(cohorts, start, end),
        _active_at_end(cohorts, end),
        _session_counts(sessions),
        _attendance_counts(sessions),
        _evaluation_counts(counted),
    ]
    return parts, counted


def activity_from_row(row: dict, counted: QuerySet[Evaluation]) -> Activity:
    """The Activity of an aggregate row holding `activity_parts`; reads `counted` once more."""
    averages = {name: one_decimal(row[f"avg_{name}"]) for name, _label in evaluation_domains()}
    relapse_risks, score_changes = _evaluation_rows(counted, averages)
    return Activity(
        participants_handled=row["handled"],
        new_enrolments=row["new"],
        active_at_end=row["active_at_end"],
        completions=row["completions"],
        dropouts=row["dropouts"],
        other_exits=row["other_exits"],
        sessions_held=row["held"],
        sessions_planned=row["planned"],
        sessions_cancelled=row["cancelled"],
        attendance_by_status={s: row[f"attendance_{s}"] for s in Attendance.Status.values},
        evaluations_counted=row["evaluations"],
        evaluations_approved=row["approved"],
        evaluations_waiting=row["waiting"],
        domain_averages=averages,
        recommendations={r: row[f"recommendation_{r}"] for r in Evaluation.Recommendation.values},
        relapse_risks=relapse_risks,
        score_changes=score_changes,
    )


def _enrolment_counts(cohorts, start: dt.date, end: dt.date) -> tuple:
    """People handled, new, and the ways enrolments ended in the period (an aggregate part)."""
    status = Enrollment.Status
    ended_in_period = Q(ended_on__gte=start, ended_on__lte=end)
    return handled_enrollments(cohorts, start, end), {
        "handled": Count("participant", distinct=True),
        "new": Count("id", filter=Q(started_on__gte=start)),
        "completions": Count("id", filter=ended_in_period & Q(status=status.COMPLETED)),
        "dropouts": Count("id", filter=ended_in_period & Q(status=status.DROPPED_OUT)),
        "other_exits": Count(
            "id",
            filter=ended_in_period & Q(status__in=[status.TRANSFERRED, status.RELEASED]),
        ),
    }


def _active_at_end(cohorts, end: dt.date) -> tuple:
    running = Enrollment.objects.filter(cohort__in=cohorts).active_on(end)
    return running, {"active_at_end": Count("participant", distinct=True)}


def _session_counts(sessions: QuerySet[Session]) -> tuple:
    return sessions, {
        "held": Count("id", filter=Q(status=Session.Status.HELD)),
        "planned": Count("id", filter=Q(status=Session.Status.PLANNED)),
        "cancelled": Count("id", filter=Q(status=Session.Status.CANCELLED)),
    }


def _attendance_counts(sessions: QuerySet[Session]) -> tuple:
    """Attendance rows of the held sessions, per status."""
    rows = Attendance.objects.filter(session__in=sessions.filter(status=Session.Status.HELD))
    return rows, {
        f"attendance_{status}": Count("id", filter=Q(status=status))
        for status in Attendance.Status.values
    }


def _evaluation_counts(counted: QuerySet[Evaluation]) -> tuple:
    """Counted evaluations: how many, approved, waiting, average scores, recommendations."""
    return counted, {
        "evaluations": Count("id"),
        "approved": Count("id", filter=Q(status=ReviewStatus.APPROVED)),
        "waiting": Count("id", filter=Q(status=ReviewStatus.SUBMITTED)),
        **{f"avg_{name}": Avg(name) for name, _label in evaluation_domains()},
        **{
            f"recommendation_{r}": Count("id", filter=Q(recommendation=r))
            for r in Evaluation.Recommendation.values
        },
    }


def _evaluation_rows(
    counted: QuerySet[Evaluation], averages: dict
) -> tuple[dict[str, int], list[ScoreChange]]:
    """The relapse risks and the score changes, from one read of the counted evaluations."""
    rows = list(counted.order_by().values_list("period", "relapse_risks", *SCORED_DOMAINS))
    return _relapse_risks([codes for _period, codes, *_scores in rows]), _score_changes(
        rows, averages
    )


def _relapse_risks(risk_lists: list) -> dict[str, int]:
    """How many evaluations name each relapse risk.

    A JSON list per evaluation: counting its codes portably (SQLite too) is done here, on one
    column of one query, rather than with a database-specific JSON function.
    """
    risk_counter: Counter[str] = Counter()
    for codes in risk_lists:
        risk_counter.update(set(codes or []))
    return {r: risk_counter.get(r, 0) for r in RelapseRisk.values}


def _monthly_averages(rows: list[tuple]) -> list[dict]:
    """Per evaluation month, oldest first: the average of each 1–5 domain (None: no score),
    as AVG() would give it (exact decimals over the scores given)."""
    by_month: dict[dt.date, list[tuple]] = {}
    for period, _codes, *scores in rows:
        by_month.setdefault(period, []).append(scores)
    monthly = []
    for period in sorted(by_month):
        averages = {}
        for i, name in enumerate(SCORED_DOMAINS):
            given = [scores[i] for scores in by_month[period] if scores[i] is not None]
            averages[name] = Decimal(sum(given)) / len(given) if given else None
        monthly.append(averages)
    return monthly


def _score_changes(rows: list[tuple], averages: dict) -> list[ScoreChange]:
    """Knowledge changes within a month (pre-test to post-test); the 1–5 domains from the
    first to the last month evaluated, which needs at least two months. `rows`: (period,
    relapse risks, *SCORED_DOMAINS) of the counted evaluations."""
    monthly = _monthly_averages(rows)
    changes = [ScoreChange("knowledge", averages["knowledge_pre"], averages["knowledge_post"])]
    for name in SCORED_DOMAINS:
        known = [row[name] for row in monthly if row[name] is not None]
        changes.append(
            ScoreChange(
                name,
                one_decimal(known[0]) if known else None,
                one_decimal(known[-1]) if len(known) > 1 else None,
            )
        )
    return changes
