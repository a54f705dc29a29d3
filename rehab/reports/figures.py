"""The figures of the Laporan Bulanan Program Rehabilitasi, computed in the database.

One selector, `monthly_report`, computes everything the report shows; the page, the PDF and the
Excel workbook all render its `tables()`, so the three cannot disagree. The number of queries is
fixed: it does not grow with participants, sessions or evaluations. The definitions of handled,
completions, attendance and counted evaluations are in rehab.reports.activity.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import Programme
from rehab.models import RelapseRisk
from rehab.reports.activity import ATTENDED_STATUSES
from rehab.reports.activity import Activity
from rehab.reports.activity import AttendanceRate
from rehab.reports.activity import activity_from_row
from rehab.reports.activity import activity_parts
from rehab.reports.activity import evaluation_domains
from rehab.reports.activity import handled_enrollments
from rehab.reports.activity import local_bounds
from rehab.reports.activity import percent
from rehab.reports.pp25 import Pp25
from rehab.reports.pp25 import pp25_from_row
from rehab.reports.pp25 import pp25_part
from rehab.reports.tables import Column
from rehab.reports.tables import CountRow
from rehab.reports.tables import Table
from rutan.aggregates import aggregate_together
from rutan.dates import facility_date
from rutan.dates import month_end
from rutan.models import Facility
from sessions.models import Attendance
from sessions.models import Session

PROGRAMME_SECTION = _("Pelaksanaan program")
EVALUATION_SECTION = _("Evaluasi peserta")


def _count_column() -> Column:
    return Column(str(_("Jumlah")), numeric=True)


def count_table(
    key, title, rows: list[CountRow], first_label, *, section, total=True, column=None
) -> Table:
    """A table of labelled counts (people unless `column` says otherwise), with its total."""
    return Table(
        key=str(key),
        title=str(title),
        columns=[Column(str(first_label)), column or Column(str(_("Jumlah orang")), numeric=True)],
        rows=[[str(r.label), r.count] for r in rows],
        total=[str(_("Jumlah")), sum(r.count for r in rows)] if total else None,
        section=str(section),
    )


@dataclass(frozen=True)
class SessionRow(AttendanceRate):
    day: dt.date
    title: str
    cohort: str
    attended: int
    recorded: int
    cohort_id: int | None = None


@dataclass(frozen=True)
class CohortRow(AttendanceRate):
    name: str
    handled: int
    completions: int
    dropouts: int
    attended: int
    recorded: int


@dataclass
class MonthlyReport:
    """Everything the Laporan Bulanan Program Rehabilitasi of one facility and month shows."""

    facility: Facility
    month: dt.date
    programmes: list[str]
    activity: Activity
    sessions: list[SessionRow]
    cohorts: list[CohortRow]
    pp25: Pp25
    integration_proposals: list[CountRow]

    @property
    def last_day(self) -> dt.date:
        return month_end(self.month)

    # The seven aspects, as the report's own attributes (the recap computes the same Pp25).
    sex = property(lambda self: self.pp25.sex)
    age_bands = property(lambda self: self.pp25.age_bands)
    substances = property(lambda self: self.pp25.substances)
    durations = property(lambda self: self.pp25.durations)
    routes = property(lambda self: self.pp25.routes)
    diagnoses = property(lambda self: self.pp25.diagnoses)
    treatment_history = property(lambda self: self.pp25.treatment_history)

    def sections(self) -> list[tuple[str, list[Table]]]:
        """The tables grouped under their section headings, in order."""
        grouped: list[tuple[str, list[Table]]] = []
        for table in self.tables():
            if not grouped or grouped[-1][0] != table.section:
                grouped.append((table.section, []))
            grouped[-1][1].append(table)
        return grouped

    def tables(self) -> list[Table]:
        """The report's tables in order: programme, evaluations, then the PP 25 recap."""
        return [
            self._summary_table(),
            self._attendance_table(),
            self._sessions_table(),
            self._cohorts_table(),
            *self._evaluation_tables(),
            *self.pp25.tables(),
        ]

    def _summary_table(self) -> Table:
        a = self.activity
        summary = [
            [_("Warga binaan yang ditangani (orang)"), a.participants_handled],
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
        return Table(
            key=str(_("Ringkasan")),
            title=str(_("Ringkasan")),
            columns=[Column(str(_("Uraian"))), _count_column()],
            rows=[[str(text), value] for text, value in summary],
            section=str(PROGRAMME_SECTION),
        )

    def _attendance_table(self) -> Table:
        a = self.activity
        labels = dict(Attendance.Status.choices)
        return Table(
            key=str(_("Kehadiran")),
            title=str(_("Kehadiran menurut status")),
            columns=[
                Column(str(_("Status"))),
                _count_column(),
                Column(str(_("Persentase (%)")), numeric=True),
            ],
            rows=[
                [str(labels[s]), n, percent(n, a.attendance_recorded)]
                for s, n in a.attendance_by_status.items()
            ],
            total=[
                str(_("Jumlah")),
                a.attendance_recorded,
                percent(a.attendance_recorded, a.attendance_recorded),
            ],
            section=str(PROGRAMME_SECTION),
        )

    def _sessions_table(self) -> Table:
        a = self.activity
        return Table(
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
            section=str(PROGRAMME_SECTION),
            note=str(_("Hadir = hadir atau terlambat.")),
        )

    def _cohorts_table(self) -> Table:
        return Table(
            key=str(_("Angkatan")),
            title=str(_("Rekap per angkatan")),
            columns=[
                Column(str(_("Angkatan"))),
                Column(str(_("Ditangani")), numeric=True),
                Column(str(_("Selesai")), numeric=True),
                Column(str(_("Berhenti")), numeric=True),
                Column(str(_("Kehadiran (%)")), numeric=True),
            ],
            rows=[[c.name, c.handled, c.completions, c.dropouts, c.rate] for c in self.cohorts],
            section=str(PROGRAMME_SECTION),
        )

    def _evaluation_tables(self) -> list[Table]:
        a = self.activity
        scales = {"knowledge_pre": "0–100", "knowledge_post": "0–100"}
        recommendation_labels = dict(Evaluation.Recommendation.choices)
        risk_labels = dict(RelapseRisk.choices)
        section = str(EVALUATION_SECTION)
        scores = Table(
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
            section=section,
            note=str(
                _("Dari %(n)s evaluasi yang diajukan atau disetujui.")
                % {"n": a.evaluations_counted}
            ),
        )
        return [
            scores,
            count_table(
                _("Rekomendasi"),
                _("Rekomendasi evaluasi"),
                [CountRow(recommendation_labels[r], n) for r, n in a.recommendations.items()],
                _("Rekomendasi"),
                section=section,
                column=_count_column(),
            ),
            count_table(
                _("Risiko relapse"),
                _("Faktor risiko relapse (10 Hal Berbahaya dalam Proses Recovery)"),
                [CountRow(risk_labels[r], n) for r, n in a.relapse_risks.items()],
                _("Faktor"),
                section=section,
                total=False,
            ),
            count_table(
                _("Program integrasi"),
                _("Usulan program integrasi bulan ini"),
                self.integration_proposals,
                _("Jenis"),
                section=section,
                column=_count_column(),
            ),
        ]


def monthly_report(*, facility: Facility, month: dt.date) -> MonthlyReport:
    """The figures of the Laporan Bulanan for `facility` and the month starting on `month`.

    The one-row counts of the activity, the PP 25 recap and the integration proposals travel
    in one query (rutan.aggregates).
    """
    month = month.replace(day=1)
    end = month_end(month)
    cohorts = Cohort.objects.filter(programme__facility=facility)
    handled = handled_enrollments(cohorts, month, end)
    sessions = _held_sessions(cohorts, facility, month, end)
    parts, counted = activity_parts(cohorts=cohorts, start=month, end=end, zone=facility.timezone)
    row = aggregate_together(
        *parts, pp25_part(handled, end), _integration_proposals(facility, month, end)
    )
    return MonthlyReport(
        facility=facility,
        month=month,
        programmes=_programmes(facility, month, end),
        activity=activity_from_row(row, counted),
        sessions=sessions,
        cohorts=_cohort_rows(handled, sessions, month, end),
        pp25=pp25_from_row(row, handled),
        integration_proposals=[
            CountRow(str(label), row[f"proposals_{kind}"])
            for kind, label in IntegrationProgramme.Kind.choices
        ],
    )


def _programmes(facility: Facility, month: dt.date, end: dt.date) -> list[str]:
    """ "Programme — partner" of each programme running in the month."""
    return [
        f"{name} — {partner}"
        for name, partner in Programme.objects.filter(facility=facility, start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=month))
        .values_list("name", Coalesce("partner__short_name", "partner__name"))
        .order_by("start_date", "name")
    ]


def _held_sessions(cohorts, facility: Facility, month: dt.date, end: dt.date) -> list[SessionRow]:
    """The month's held sessions with their attendance, in order."""
    since, until = local_bounds(month, end, facility.timezone)
    attended = Count("attendances", filter=Q(attendances__status__in=ATTENDED_STATUSES))
    held = (
        Session.objects.filter(
            cohort__in=cohorts,
            status=Session.Status.HELD,
            starts_at__gte=since,
            starts_at__lt=until,
        )
        .select_related("cohort", "module")
        .annotate(attended=attended, recorded=Count("attendances"))
        .order_by("starts_at", "id")
    )
    return [
        SessionRow(
            day=facility_date(s.starts_at, facility),
            title=str(s),
            cohort=s.cohort.name,
            attended=s.attended,
            recorded=s.recorded,
            cohort_id=s.cohort_id,
        )
        for s in held
    ]


def _cohort_rows(handled, sessions: list[SessionRow], month: dt.date, end: dt.date) -> list:
    """Per cohort: people handled, completions and drop-outs, and the attendance of its
    held sessions (summed from `sessions`, which hold exactly those)."""
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
    present: dict[int, dict] = {}
    for s in sessions:
        if s.recorded:  # a cohort is listed for attendance rows, as for people handled
            row = present.setdefault(s.cohort_id, {"name": s.cohort, "attended": 0, "recorded": 0})
            row["attended"] += s.attended
            row["recorded"] += s.recorded
    rows = []
    for cohort_id in per_cohort.keys() | present.keys():
        enrolled = per_cohort.get(cohort_id, {})
        attendance = present.get(cohort_id, {})
        rows.append(
            CohortRow(
                name=enrolled.get("cohort__name") or attendance.get("name", ""),
                handled=enrolled.get("handled", 0),
                completions=enrolled.get("completions", 0),
                dropouts=enrolled.get("dropouts", 0),
                attended=attendance.get("attended", 0),
                recorded=attendance.get("recorded", 0),
            )
        )
    return sorted(rows, key=lambda row: row.name)


def _integration_proposals(facility: Facility, month: dt.date, end: dt.date) -> tuple:
    """Integration programmes proposed in the month, per kind (an aggregate part)."""
    proposed = IntegrationProgramme.objects.filter(
        participant__facility=facility, proposed_on__gte=month, proposed_on__lte=end
    )
    return proposed, {
        f"proposals_{kind}": Count("id", filter=Q(kind=kind))
        for kind in IntegrationProgramme.Kind.values
    }
