"""What the agreement (PKS) pages read: the scoped register, one agreement, its deliverables."""

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from rehab.models import Addendum
from rehab.models import Agreement
from rehab.models import AgreementScopeItem
from rehab.models import Evaluation
from rehab.models import Programme
from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rutan.aggregates import aggregate_together
from rutan.roles import Role
from sessions.models import Attendance
from sessions.models import Session


def agreements_visible_to(user) -> QuerySet[Agreement]:
    """Staff see their facility's agreements, a facilitator those of their own partner."""
    return Agreement.objects.visible_to(user)


def get_agreement_for(user, pk: int) -> Agreement:
    """One agreement with what its page shows, or 404 when out of the user's reach."""
    queryset = Agreement.objects.select_related(
        "facility", "partner", "approved_by", "terminated_by"
    ).prefetch_related(
        Prefetch("scope_items", queryset=AgreementScopeItem.objects.order_by("order", "id")),
        Prefetch("addenda", queryset=Addendum.objects.select_related("created_by")),
    )
    return queryset.get_visible(user, pk=pk)


def agreement_list(
    user,
    *,
    status: str = "",
    partner_id: int | None = None,
    facility_id: int | None = None,
    day: dt.date | None = None,
) -> QuerySet[Agreement]:
    """The register, with each row's status computed in the database for `day`."""
    queryset = (
        agreements_visible_to(user)
        .with_status(day)
        .select_related("facility", "partner")
        .order_by("-valid_from", "facility_number")
    )
    if status:
        queryset = queryset.filter(current_status=status)
    if partner_id:
        queryset = queryset.filter(partner_id=partner_id)
    if facility_id and user.has_role(Role.ADMIN):
        queryset = queryset.filter(facility_id=facility_id)
    return queryset


def agreements_needing_attention(user, *, day: dt.date | None = None) -> dict[str, list]:
    """For the home page: agreements about to end, drafts waiting for approval, those in force."""
    day = day or timezone.localdate()
    status = Agreement.Status
    rows = list(
        agreements_visible_to(user)
        .by_status(status.EXPIRING, status.DRAFT, status.ACTIVE, day=day)
        .select_related("facility", "partner")
        .order_by("valid_until", "facility_number")[:30]
    )
    expiring = [a for a in rows if a.current_status == status.EXPIRING]
    for agreement in expiring:
        agreement.days_remaining = agreement.days_left(day)
    return {
        "expiring": expiring,
        "drafts": [a for a in rows if a.current_status == status.DRAFT and not a.approved_at],
        "active": [a for a in rows if a.current_status == status.ACTIVE],
    }


@dataclass(frozen=True)
class Deliverables:
    """What was delivered under one agreement, computed from sessions, enrolments, integrations."""

    sessions_scheduled: int = 0
    sessions_held: int = 0
    sessions_cancelled: int = 0
    participants_served: int = 0
    attendance_recorded: int = 0
    attendance_attended: int = 0
    # Participant evaluations submitted or approved, and periodic (programme) evaluations.
    evaluations_done: int = 0
    evaluations_approved: int = 0
    programme_evaluations: int = 0
    programme_evaluations_approved: int = 0
    # None when the agreement holds no guarantee for integration programmes.
    integrations: dict | None = None
    programmes: list = field(default_factory=list)

    @property
    def attendance_rate(self) -> float | None:
        """Present or late out of every recorded attendance, in percent."""
        if not self.attendance_recorded:
            return None
        return round(100 * self.attendance_attended / self.attendance_recorded, 1)


def agreement_deliverables(agreement: Agreement) -> Deliverables:
    """Deliverables in a fixed number of queries, whatever the number of sessions or people:
    the counts of every table in one round trip, then the programmes."""
    counts = _deliverable_counts(agreement)
    programmes = list(
        Programme.objects.filter(agreement=agreement)
        .annotate(
            cohort_count=Count("cohorts", distinct=True),
            sessions_held=Count(
                "cohorts__sessions",
                filter=Q(cohorts__sessions__status=Session.Status.HELD),
                distinct=True,
            ),
        )
        .order_by("start_date", "name")
    )
    return Deliverables(
        sessions_scheduled=counts["scheduled"],
        sessions_held=counts["held"],
        sessions_cancelled=counts["cancelled"],
        participants_served=counts["served"],
        attendance_recorded=counts["recorded"],
        attendance_attended=counts["attended"],
        evaluations_done=counts["evaluations_done"],
        evaluations_approved=counts["evaluations_approved"],
        programme_evaluations=counts["programme_evaluations"],
        programme_evaluations_approved=counts["programme_approved"],
        integrations=_integrations(agreement) if agreement.guarantees_integration else None,
        programmes=programmes,
    )


def _deliverable_counts(agreement: Agreement) -> dict:
    """Sessions, attendance, people served and evaluations under `agreement`, in one query."""
    under_agreement = Q(cohort__programme__agreement=agreement)
    done = [ReviewStatus.SUBMITTED, ReviewStatus.APPROVED]
    return aggregate_together(
        (
            Session.objects.filter(under_agreement),
            {
                "scheduled": Count("id", filter=~Q(status=Session.Status.CANCELLED)),
                "held": Count("id", filter=Q(status=Session.Status.HELD)),
                "cancelled": Count("id", filter=Q(status=Session.Status.CANCELLED)),
            },
        ),
        (
            Attendance.objects.filter(session__cohort__programme__agreement=agreement),
            {
                "recorded": Count("id"),
                "attended": Count("id", filter=Q(status__in=Attendance.ATTENDED)),
            },
        ),
        # Served: took part at some time (the same rule as "handled" in the reports).
        (
            Enrollment.objects.filter(under_agreement).active_during(dt.date.min, dt.date.max),
            {"served": Count("participant", distinct=True)},
        ),
        (
            Evaluation.objects.filter(enrollment__cohort__programme__agreement=agreement),
            {
                "evaluations_done": Count("id", filter=Q(status__in=done)),
                "evaluations_approved": Count("id", filter=Q(status=ReviewStatus.APPROVED)),
            },
        ),
        (
            ProgrammeEvaluation.objects.filter(agreement=agreement),
            {
                "programme_evaluations": Count("id"),
                "programme_approved": Count("id", filter=Q(status=ReviewStatus.APPROVED)),
            },
        ),
    )


def _integrations(agreement: Agreement) -> dict:
    """Integration programmes the partner guarantees at this facility, proposed while in force."""
    kinds = IntegrationProgramme.Kind
    counts = IntegrationProgramme.objects.filter(
        guarantor_id=agreement.partner_id,
        participant__facility_id=agreement.facility_id,
        proposed_on__gte=agreement.valid_from,
        proposed_on__lte=agreement.effective_until,
    ).aggregate(
        total=Count("id"),
        approved=Count(
            "id",
            filter=Q(
                status__in=[
                    IntegrationProgramme.Status.APPROVED,
                    IntegrationProgramme.Status.RUNNING,
                    IntegrationProgramme.Status.COMPLETED,
                ]
            ),
        ),
        **{kind.value: Count("id", filter=Q(kind=kind)) for kind in kinds},
    )
    return {
        "total": counts["total"],
        "approved": counts["approved"],
        "by_kind": [(kind.label, counts[kind.value]) for kind in kinds],
    }


@dataclass
class HistoryEntry:
    """One line of an agreement's change history."""

    at: dt.datetime
    who: object
    what: str
    changes: list[str] = field(default_factory=list)


# Fields whose change is better told as an event than as "old → new".
_EVENT_FIELDS = {
    "approved_at": _("PKS disetujui dan diaktifkan"),
    "terminated_on": _("PKS diakhiri"),
    "document": _("Dokumen PKS diunggah"),
}
_QUIET_FIELDS = {
    "updated_at",
    "created_at",
    "approved_by",
    "terminated_by",
    "document_name",
    "document_size",
    "document_sha256",
}


def agreement_history(agreement: Agreement) -> list[HistoryEntry]:
    """Who changed what and when: the agreement, its scope and its addenda, newest first."""
    entries: list[HistoryEntry] = []
    records = list(
        agreement.history.select_related("history_user").order_by("history_date", "history_id")
    )
    previous = None
    for record in records:
        if previous is None or record.history_type == "+":
            entries.append(HistoryEntry(record.history_date, record.history_user, _("PKS dicatat")))
        else:
            entries.extend(_agreement_change_entries(record, previous))
        previous = record
    entries += _part_entries(
        AgreementScopeItem,
        agreement,
        {
            "+": _("Ruang lingkup ditambahkan"),
            "-": _("Ruang lingkup dihapus"),
            "~": _("Ruang lingkup diubah"),
        },
        lambda record: record.description,
    )
    entries += _part_entries(
        Addendum,
        agreement,
        {"+": _("Adendum dicatat"), "-": _("Adendum dihapus"), "~": _("Adendum diubah")},
        lambda record: f"{record.number} — {record.title}",
    )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def _part_entries(model, agreement: Agreement, verbs: dict, describe) -> list[HistoryEntry]:
    """One entry per history record of a part of the agreement (a scope line, an addendum):
    the verb of its change (+ added, - removed, ~ changed) and what it says."""
    records = model.history.filter(agreement_id=agreement.pk).select_related("history_user")
    return [
        HistoryEntry(
            record.history_date, record.history_user, verbs[record.history_type], [describe(record)]
        )
        for record in records
    ]


def _agreement_change_entries(record, previous) -> list[HistoryEntry]:
    delta = record.diff_against(previous, excluded_fields=_QUIET_FIELDS)
    entries = []
    plain = []
    for change in delta.changes:
        if change.field in _EVENT_FIELDS and change.new:
            detail = []
            if change.field == "terminated_on":
                detail = [record.termination_reason]
            elif change.field == "document" and change.old:
                entries.append(
                    HistoryEntry(record.history_date, record.history_user, _("Dokumen PKS diganti"))
                )
                continue
            entries.append(
                HistoryEntry(
                    record.history_date, record.history_user, _EVENT_FIELDS[change.field], detail
                )
            )
        else:
            plain.append(_describe_change(record, change))
    if plain:
        entries.append(
            HistoryEntry(record.history_date, record.history_user, _("Data PKS diubah"), plain)
        )
    return entries


def _describe_change(record, change) -> str:
    model_field = record.instance_type._meta.get_field(change.field)
    label = str(model_field.verbose_name)
    if model_field.is_relation:
        return label
    old, new = _shown(change.old), _shown(change.new)
    if len(old) > 60 or len(new) > 60:
        return label
    return f"{label}: {old or '—'} → {new or '—'}"


def _shown(value) -> str:
    if isinstance(value, dt.date):
        return date_format(value, "j M Y")
    if isinstance(value, bool):
        return str(_("ya") if value else _("tidak"))
    return "" if value is None else str(value)
