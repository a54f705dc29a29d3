"""The programme's figures for a period, computed in the database.

One function, `monthly_report`, computes everything the Laporan Bulanan shows; the page, the PDF
and the Excel workbook all render its `tables()`, so the three cannot disagree. The number of
queries is fixed: it does not grow with participants, sessions or evaluations.
`programme_activity` is the part shared with the programme evaluation (evaluasi berkala).

Definitions (dates are the facility's local dates, periods include both ends):
- handled (ditangani): distinct participants with an enrolment past screening that had started
  by the end of the period (activated_on, else enrolled_on) and had not ended before its start;
- completions / drop-outs: enrolments completed / dropped out with ended_on in the period;
- sessions held: sessions marked held that started in the period; attendance rate: present or
  late among the attendance rows recorded for those sessions;
- evaluations: participant evaluations for a month in the period that were submitted or
  approved (drafts and returned ones are still being written).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import Coalesce, Trim
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment, IntegrationProgramme, Participant
from rehab.models import Cohort, Evaluation, Programme, RelapseRisk, ReviewStatus
from rehab.models.evaluations import SCORED_DOMAINS
from rutan.models import Facility
from sessions.models import Attendance, Session

COUNTED_EVALUATION_STATUSES = (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED)
ATTENDED_STATUSES = (Attendance.Status.PRESENT, Attendance.Status.LATE)
NOT_RECORDED = _("Tidak dicatat")

# (label, lowest age, highest age) at the end of the period; None means open-ended.
AGE_BANDS = [
    (_("Di bawah 18 tahun"), None, 17),
    (_("18–25 tahun"), 18, 25),
    (_("26–35 tahun"), 26, 35),
    (_("36–45 tahun"), 36, 45),
    (_("Di atas 45 tahun"), 46, None),
]
# (label, fewest years, most years) of use.
DURATION_BANDS = [
    (_("Kurang dari 1 tahun"), None, 0),
    (_("1–2 tahun"), 1, 2),
    (_("3–5 tahun"), 3, 5),
    (_("6–10 tahun"), 6, 10),
    (_("Lebih dari 10 tahun"), 11, None),
]


def percent(part: int, whole: int) -> Decimal | None:
    """part/whole as a percentage with one decimal, or None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def one_decimal(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


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
class Activity:
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

    @property
    def attendance_recorded(self) -> int:
        return sum(self.attendance_by_status.values())

    @property
    def attendance_attended(self) -> int:
        return sum(self.attendance_by_status.get(status, 0) for status in ATTENDED_STATUSES)

    @property
    def attendance_rate(self) -> Decimal | None:
        return percent(self.attendance_attended, self.attendance_recorded)

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
    """Enrolments past screening that overlap the period (see the module docstring)."""
    return (
        Enrollment.objects.filter(cohort__in=cohorts)
        .exclude(status=Enrollment.Status.SCREENED)
        .annotate(started_on=Coalesce("activated_on", "enrolled_on"))
        .filter(Q(started_on__lte=end) | Q(started_on__isnull=True))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    )


def programme_activity(
    *, cohorts: QuerySet[Cohort], start: dt.date, end: dt.date, zone: str
) -> Activity:
    """Enrolment, session, attendance and evaluation figures of `cohorts` in [start, end]."""
    status = Enrollment.Status
    enrollments = handled_enrollments(cohorts, start, end)
    ended_in_period = Q(ended_on__gte=start, ended_on__lte=end)
    counts = enrollments.aggregate(
        handled=Count("participant", distinct=True),
        new=Count("id", filter=Q(started_on__gte=start)),
        active_at_end=Count(
            "participant", filter=Q(ended_on__isnull=True) | Q(ended_on__gt=end), distinct=True
        ),
        completions=Count("id", filter=ended_in_period & Q(status=status.COMPLETED)),
        dropouts=Count("id", filter=ended_in_period & Q(status=status.DROPPED_OUT)),
        other_exits=Count(
            "id",
            filter=ended_in_period & Q(status__in=[status.TRANSFERRED, status.RELEASED]),
        ),
    )

    since, until = local_bounds(start, end, zone)
    sessions = Session.objects.filter(cohort__in=cohorts, starts_at__gte=since, starts_at__lt=until)
    session_counts = sessions.aggregate(
        held=Count("id", filter=Q(status=Session.Status.HELD)),
        planned=Count("id", filter=Q(status=Session.Status.PLANNED)),
        cancelled=Count("id", filter=Q(status=Session.Status.CANCELLED)),
    )
    by_status = dict(
        Attendance.objects.filter(session__in=sessions.filter(status=Session.Status.HELD))
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("status", "n")
    )

    evaluations = Evaluation.objects.filter(
        enrollment__cohort__in=cohorts, period__gte=start.replace(day=1), period__lte=end
    )
    counted = evaluations.filter(status__in=COUNTED_EVALUATION_STATUSES)
    domains = [name for name, _label in evaluation_domains()]
    evaluation_counts = counted.aggregate(
        n=Count("id"),
        approved=Count("id", filter=Q(status=ReviewStatus.APPROVED)),
        waiting=Count("id", filter=Q(status=ReviewStatus.SUBMITTED)),
        **{f"avg_{name}": Avg(name) for name in domains},
    )
    recommendations = dict(
        counted.values("recommendation")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("recommendation", "n")
    )
    # A JSON list per evaluation: counting its codes portably (SQLite too) is done here, on one
    # column of one query, rather than with a database-specific JSON function.
    risk_counter: Counter[str] = Counter()
    for codes in counted.values_list("relapse_risks", flat=True):
        risk_counter.update(set(codes or []))
    monthly = list(
        counted.values("period")
        .annotate(**{name: Avg(name) for name in domains})
        .order_by("period")
    )
    averages = {name: one_decimal(evaluation_counts[f"avg_{name}"]) for name in domains}
    # Knowledge changes within a month (pre-test to post-test); the 1–5 domains from the
    # first to the last month evaluated, which needs at least two months.
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

    return Activity(
        participants_handled=counts["handled"],
        new_enrolments=counts["new"],
        active_at_end=counts["active_at_end"],
        completions=counts["completions"],
        dropouts=counts["dropouts"],
        other_exits=counts["other_exits"],
        sessions_held=session_counts["held"],
        sessions_planned=session_counts["planned"],
        sessions_cancelled=session_counts["cancelled"],
        attendance_by_status={s: by_status.get(s, 0) for s in Attendance.Status.values},
        evaluations_counted=evaluation_counts["n"],
        evaluations_approved=evaluation_counts["approved"],
        evaluations_waiting=evaluation_counts["waiting"],
        domain_averages=averages,
        recommendations={r: recommendations.get(r, 0) for r in Evaluation.Recommendation.values},
        relapse_risks={r: risk_counter.get(r, 0) for r in RelapseRisk.values},
        score_changes=changes,
    )


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False
    nowrap: bool = False

    @property
    def css(self) -> str:
        """Class names shared by the page and the PDF stylesheet."""
        return " ".join(name for name, on in (("num", self.numeric), ("nowrap", self.nowrap)) if on)


def format_cell(value) -> str:
    """A cell as the page and the PDF print it (the workbook keeps the raw value)."""
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return number_format(value, 1)
    if isinstance(value, dt.date):
        return date_format(value, "j M Y")
    if isinstance(value, int):
        return number_format(value)
    return str(value)


def month_label(month: dt.date) -> str:
    return date_format(month, "F Y")


@dataclass
class Table:
    """One table of the report, as the page, the PDF and the workbook all show it."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None
    section: str = ""
    note: str = ""

    @property
    def display_rows(self) -> list[list[tuple[str, str]]]:
        """Rows of (text, CSS class) for the page and the PDF."""
        return [self._display(row) for row in self.rows]

    @property
    def display_total(self) -> list[tuple[str, str]] | None:
        return self._display(self.total) if self.total else None

    def _display(self, row: list) -> list[tuple[str, str]]:
        return [(format_cell(v), c.css) for v, c in zip(row, self.columns, strict=True)]


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class SessionRow:
    day: dt.date
    title: str
    cohort: str
    attended: int
    recorded: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.attended, self.recorded)


@dataclass(frozen=True)
class CohortRow:
    name: str
    handled: int
    completions: int
    dropouts: int
    attended: int
    recorded: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.attended, self.recorded)


@dataclass
class MonthlyReport:
    """Everything the Laporan Bulanan Program Rehabilitasi of one facility and month shows."""

    facility: Facility
    month: dt.date
    programmes: list[str]
    activity: Activity
    sessions: list[SessionRow]
    cohorts: list[CohortRow]
    sex: list[CountRow]
    age_bands: list[CountRow]
    substances: list[CountRow]
    durations: list[CountRow]
    routes: list[CountRow]
    diagnoses: list[CountRow]
    treatment_history: list[CountRow]
    integration_proposals: list[CountRow]

    @property
    def last_day(self) -> dt.date:
        return month_end(self.month)

    def sections(self) -> list[tuple[str, list[Table]]]:
        """The tables grouped under their section headings, in order."""
        grouped: list[tuple[str, list[Table]]] = []
        for table in self.tables():
            if not grouped or grouped[-1][0] != table.section:
                grouped.append((table.section, []))
            grouped[-1][1].append(table)
        return grouped

    def tables(self) -> list[Table]:
        a = self.activity
        handled = a.participants_handled
        recap = str(_("Rekap PP No. 25 Tahun 2011 Pasal 18"))
        programme_section = str(_("Pelaksanaan program"))
        evaluation_section = str(_("Evaluasi peserta"))
        label, count = Column(str(_("Uraian"))), Column(str(_("Jumlah")), numeric=True)
        people = Column(str(_("Jumlah orang")), numeric=True)

        def counts(key, title, rows, first_label, *, section=recap, total=True, col=people):
            return Table(
                key=str(key),
                title=str(title),
                columns=[Column(str(first_label)), col],
                rows=[[str(r.label), r.count] for r in rows],
                total=[str(_("Jumlah")), sum(r.count for r in rows)] if total else None,
                section=section,
            )

        summary = [
            [_("Warga binaan yang ditangani (orang)"), handled],
            [_("Peserta baru bulan ini"), a.new_enrolments],
            [_("Peserta aktif pada akhir bulan"), a.active_at_end],
            [_("Selesai program"), a.completions],
            [_("Keluar/berhenti (drop-out)"), a.dropouts],
            [_("Dipindahkan atau bebas"), a.other_exits],
            [_("Sesi terlaksana"), a.sessions_held],
            [_("Sesi dibatalkan"), a.sessions_cancelled],
            [_("Tingkat kehadiran (%)"), a.attendance_rate],
            [_("Evaluasi peserta (diajukan atau disetujui)"), a.evaluations_counted],
            [_("Evaluasi peserta disetujui kepala"), a.evaluations_approved],
            [_("Usulan program integrasi"), sum(r.count for r in self.integration_proposals)],
        ]
        status_labels = dict(Attendance.Status.choices)
        recommendation_labels = dict(Evaluation.Recommendation.choices)
        risk_labels = dict(RelapseRisk.choices)
        scales = {"knowledge_pre": "0–100", "knowledge_post": "0–100"}
        return [
            Table(
                key=str(_("Ringkasan")),
                title=str(_("Ringkasan")),
                columns=[label, count],
                rows=[[str(text), value] for text, value in summary],
                section=programme_section,
            ),
            Table(
                key=str(_("Kehadiran")),
                title=str(_("Kehadiran menurut status")),
                columns=[
                    Column(str(_("Status"))),
                    count,
                    Column(str(_("Persentase (%)")), numeric=True),
                ],
                rows=[
                    [str(status_labels[s]), n, percent(n, a.attendance_recorded)]
                    for s, n in a.attendance_by_status.items()
                ],
                total=[
                    str(_("Jumlah")),
                    a.attendance_recorded,
                    percent(a.attendance_recorded, a.attendance_recorded),
                ],
                section=programme_section,
            ),
            Table(
                key=str(_("Sesi")),
                title=str(_("Sesi yang terlaksana")),
                columns=[
                    Column(str(_("No.")), numeric=True),
                    Column(str(_("Tanggal")), nowrap=True),
                    Column(str(_("Sesi"))),
                    Column(str(_("Angkatan"))),
                    Column(str(_("Hadir")), numeric=True),
                    Column(str(_("Tercatat")), numeric=True),
                    Column(str(_("Kehadiran (%)")), numeric=True),
                ],
                rows=[
                    [n, s.day, s.title, s.cohort, s.attended, s.recorded, s.rate]
                    for n, s in enumerate(self.sessions, start=1)
                ],
                total=[
                    str(_("Jumlah")),
                    "",
                    "",
                    "",
                    a.attendance_attended,
                    a.attendance_recorded,
                    a.attendance_rate,
                ],
                section=programme_section,
                note=str(_("Hadir = hadir atau terlambat.")),
            ),
            Table(
                key=str(_("Angkatan")),
                title=str(_("Rekap per angkatan")),
                columns=[
                    Column(str(_("Angkatan"))),
                    Column(str(_("Ditangani")), numeric=True),
                    Column(str(_("Selesai")), numeric=True),
                    Column(str(_("Keluar")), numeric=True),
                    Column(str(_("Kehadiran (%)")), numeric=True),
                ],
                rows=[[c.name, c.handled, c.completions, c.dropouts, c.rate] for c in self.cohorts],
                section=programme_section,
            ),
            Table(
                key=str(_("Skor evaluasi")),
                title=str(_("Rata-rata skor evaluasi peserta")),
                columns=[
                    Column(str(_("Aspek"))),
                    Column(str(_("Rata-rata")), numeric=True),
                    Column(str(_("Skala"))),
                ],
                rows=[
                    [text, a.domain_averages.get(name), scales.get(name, "1–5")]
                    for name, text in evaluation_domains()
                ],
                section=evaluation_section,
                note=str(
                    _("Dari %(n)s evaluasi yang diajukan atau disetujui.")
                    % {"n": a.evaluations_counted}
                ),
            ),
            counts(
                _("Rekomendasi"),
                _("Rekomendasi evaluasi"),
                [CountRow(recommendation_labels[r], n) for r, n in a.recommendations.items()],
                _("Rekomendasi"),
                section=evaluation_section,
                col=count,
            ),
            counts(
                _("Risiko relapse"),
                _("Faktor risiko relapse (10 Hal Berbahaya dalam Proses Recovery)"),
                [CountRow(risk_labels[r], n) for r, n in a.relapse_risks.items()],
                _("Faktor"),
                section=evaluation_section,
                total=False,
            ),
            counts(
                _("Program integrasi"),
                _("Usulan program integrasi bulan ini"),
                self.integration_proposals,
                _("Jenis"),
                section=evaluation_section,
                col=count,
            ),
            counts(
                _("PP25 Jumlah"),
                _("1. Jumlah warga binaan yang ditangani"),
                [CountRow(str(_("Ditangani dalam program rehabilitasi")), handled)],
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


def _grouped(participants: QuerySet[Participant], field_name: str) -> list[CountRow]:
    """Participants counted by a free-text field; the empty value last, as 'not recorded'."""
    rows = (
        participants.annotate(value=Trim(field_name))
        .values("value")
        .annotate(n=Count("id"))
        .order_by("-n", "value")
    )
    recorded = [CountRow(row["value"], row["n"]) for row in rows if row["value"]]
    missing = sum(row["n"] for row in rows if not row["value"])
    return recorded + ([CountRow(str(NOT_RECORDED), missing)] if missing else [])


def _band_filter(field_name: str, low, high) -> Q:
    q = Q()
    if low is not None:
        q &= Q(**{f"{field_name}__gte": low})
    if high is not None:
        q &= Q(**{f"{field_name}__lte": high})
    return q


def _age_filter(end: dt.date, low, high) -> Q:
    """Born so that the age on `end` lies in [low, high]."""
    q = Q(birth_date__isnull=False)
    if low is not None:
        q &= Q(birth_date__lte=years_before(end, low))
    if high is not None:
        q &= Q(birth_date__gt=years_before(end, high + 1))
    return q


def monthly_report(*, facility: Facility, month: dt.date) -> MonthlyReport:
    """The figures of the Laporan Bulanan for `facility` and the month starting on `month`."""
    month = month.replace(day=1)
    end = month_end(month)
    cohorts = Cohort.objects.filter(programme__facility=facility)
    activity = programme_activity(cohorts=cohorts, start=month, end=end, zone=facility.timezone)

    programmes = [
        f"{name} — {partner}"
        for name, partner in Programme.objects.filter(facility=facility, start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=month))
        .values_list("name", Coalesce("partner__short_name", "partner__name"))
        .order_by("start_date", "name")
    ]

    since, until = local_bounds(month, end, facility.timezone)
    attended = Count("attendances", filter=Q(attendances__status__in=ATTENDED_STATUSES))
    sessions = [
        SessionRow(
            day=timezone_localdate(s.starts_at, facility.timezone),
            title=str(s),
            cohort=s.cohort.name,
            attended=s.attended,
            recorded=s.recorded,
        )
        for s in Session.objects.filter(
            cohort__in=cohorts,
            status=Session.Status.HELD,
            starts_at__gte=since,
            starts_at__lt=until,
        )
        .select_related("cohort", "module")
        .annotate(attended=attended, recorded=Count("attendances"))
        .order_by("starts_at", "id")
    ]

    handled = handled_enrollments(cohorts, month, end)
    ended = Q(ended_on__gte=month, ended_on__lte=end)
    per_cohort = {
        row["cohort_id"]: row
        for row in handled.values("cohort_id", "cohort__name")
        .annotate(
            handled=Count("participant", distinct=True),
            completions=Count("id", filter=ended & Q(status=Enrollment.Status.COMPLETED)),
            dropouts=Count("id", filter=ended & Q(status=Enrollment.Status.DROPPED_OUT)),
        )
        .order_by()
    }
    cohort_attendance = {
        row["session__cohort_id"]: row
        for row in Attendance.objects.filter(
            session__cohort__in=cohorts,
            session__status=Session.Status.HELD,
            session__starts_at__gte=since,
            session__starts_at__lt=until,
        )
        .values("session__cohort_id", "session__cohort__name")
        .annotate(
            recorded=Count("id"),
            attended=Count("id", filter=Q(status__in=ATTENDED_STATUSES)),
        )
        .order_by()
    }
    cohort_rows = []
    for cohort_id in per_cohort.keys() | cohort_attendance.keys():
        enrolled = per_cohort.get(cohort_id, {})
        present = cohort_attendance.get(cohort_id, {})
        cohort_rows.append(
            CohortRow(
                name=enrolled.get("cohort__name") or present.get("session__cohort__name", ""),
                handled=enrolled.get("handled", 0),
                completions=enrolled.get("completions", 0),
                dropouts=enrolled.get("dropouts", 0),
                attended=present.get("attended", 0),
                recorded=present.get("recorded", 0),
            )
        )
    cohort_rows.sort(key=lambda row: row.name)

    participants = Participant.objects.filter(id__in=handled.values("participant_id"))
    identity = participants.annotate(history=Trim("treatment_history")).aggregate(
        male=Count("id", filter=Q(sex=Participant.Sex.MALE)),
        female=Count("id", filter=Q(sex=Participant.Sex.FEMALE)),
        age_unknown=Count("id", filter=Q(birth_date__isnull=True)),
        duration_unknown=Count("id", filter=Q(use_duration_years__isnull=True)),
        with_history=Count("id", filter=~Q(history="")),
        without_history=Count("id", filter=Q(history="")),
        **{
            f"age_{i}": Count("id", filter=_age_filter(end, low, high))
            for i, (_label, low, high) in enumerate(AGE_BANDS)
        },
        **{
            f"duration_{i}": Count("id", filter=_band_filter("use_duration_years", low, high))
            for i, (_label, low, high) in enumerate(DURATION_BANDS)
        },
    )
    unknown = str(_("Tidak diketahui"))
    integration_counts = dict(
        IntegrationProgramme.objects.filter(
            participant__facility=facility, proposed_on__gte=month, proposed_on__lte=end
        )
        .values("kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "n")
    )

    return MonthlyReport(
        facility=facility,
        month=month,
        programmes=programmes,
        activity=activity,
        sessions=sessions,
        cohorts=cohort_rows,
        sex=[
            CountRow(str(Participant.Sex.MALE.label), identity["male"]),
            CountRow(str(Participant.Sex.FEMALE.label), identity["female"]),
        ],
        age_bands=[
            CountRow(str(label), identity[f"age_{i}"]) for i, (label, *_r) in enumerate(AGE_BANDS)
        ]
        + [CountRow(unknown, identity["age_unknown"])],
        substances=_grouped(participants, "primary_substance"),
        durations=[
            CountRow(str(label), identity[f"duration_{i}"])
            for i, (label, *_r) in enumerate(DURATION_BANDS)
        ]
        + [CountRow(unknown, identity["duration_unknown"])],
        routes=_grouped(participants, "use_route"),
        diagnoses=_grouped(participants, "diagnosis"),
        treatment_history=[
            CountRow(str(_("Pernah menjalani terapi/rehabilitasi")), identity["with_history"]),
            CountRow(str(_("Belum pernah / tidak dicatat")), identity["without_history"]),
        ],
        integration_proposals=[
            CountRow(str(label), integration_counts.get(kind, 0))
            for kind, label in IntegrationProgramme.Kind.choices
        ],
    )


def timezone_localdate(moment: dt.datetime, zone: str) -> dt.date:
    return moment.astimezone(ZoneInfo(zone)).date()
