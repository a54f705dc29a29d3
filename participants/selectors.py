"""What the participant pages read, with their joins and prefetches in one place."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists
from django.db.models import Max
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participants import assist
from participants.filters import ParticipantFilter
from participants.models import Consent
from participants.models import CourtHearing
from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RegisterChange
from participants.models import Screening
from participants.models import SubstanceResult
from rehab.models import Cohort
from rutan.aggregates import fetch_together
from rutan.aggregates import prefetched
from rutan.dates import today_for


def participants_for(user) -> QuerySet[Participant]:
    """The participants `user` may see: their facility's (every facility for an admin)."""
    return Participant.objects.visible_to(user)


def participant_list(user, data) -> ParticipantFilter:
    """The filtered, sorted list page: one query for the rows, one for the total."""
    base = participants_for(user)
    cell_blocks = list(
        base.exclude(cell_block="")
        .order_by("cell_block")
        .values_list("cell_block", flat=True)
        .distinct()
    )
    queryset = base.with_summary().select_related("facility").order_by("name", "id")
    return ParticipantFilter(
        data or None, queryset=queryset, cell_blocks=cell_blocks, today=today_for(user)
    )


def participant_in_scope(user, pk: int) -> Participant:
    """One participant `user` may see, or 404."""
    return Participant.objects.select_related("facility").get_visible(user, pk=pk)


def _related(relation: str) -> type:
    """The model of a participant's relation declared in another app (aftercare's handovers
    and planned transfers): reached through the relation, so participants imports no app above."""
    return Participant._meta.get_field(relation).related_model


def participant_for_page(user, pk: int) -> Participant:
    """A participant with everything the detail page and its timeline show, in one query.

    The person and each short list of their record (screenings and their results, enrolments,
    consents, integration programmes, register changes, hearings, handovers, planned
    transfers) travel together (rutan.aggregates.fetch_together); every list is kept as the
    participant's prefetched relation, so the page and its timeline read them without a query.
    Each list is narrowed to the participant in the user's scope, like the person.
    """
    person = Participant.objects.select_related("facility").visible_to(user).filter(pk=pk)
    own = {"participant__in": person.values("pk")}
    lists = {
        "screenings": Screening.objects.select_related("screener").filter(**own),
        "enrollments": Enrollment.objects.select_related("cohort__programme", "certificate")
        .filter(**own)
        .order_by("-created_at", "-id"),
        "consents": Consent.objects.select_related("recorded_by").filter(**own),
        "integration_programmes": IntegrationProgramme.objects.select_related("guarantor").filter(
            **own
        ),
        "register_changes": RegisterChange.objects.select_related("recorded_by").filter(**own),
        "court_hearings": CourtHearing.objects.filter(**own).order_by("-hearing_date"),
        "handovers": _related("handovers").objects.select_related("bapas_office").filter(**own),
        "planned_transfers": _related("planned_transfers").objects.filter(**own),
    }
    results = SubstanceResult.objects.filter(screening__participant__in=person.values("pk"))
    found, *fetched, all_results = fetch_together(person, *lists.values(), results.order_by("id"))
    if not found:
        raise Http404
    participant = found[0]
    for relation, objects in zip(lists, fetched, strict=True):
        prefetched(participant, relation, objects)
    by_screening: dict[int, list[SubstanceResult]] = {}
    for result in all_results:
        by_screening.setdefault(result.screening_id, []).append(result)
    for screening in participant.screenings.all():
        prefetched(screening, "results", by_screening.get(screening.pk, []))
    return participant


@dataclass
class ComparisonRow:
    substance: str
    label: str
    entry: SubstanceResult | None
    exit: SubstanceResult | None

    @property
    def change(self) -> int | None:
        if self.entry is None or self.exit is None:
            return None
        return self.exit.score - self.entry.score


def screening_comparison(participant: Participant) -> dict | None:
    """The first entry screening beside the latest exit (or follow-up) screening, per substance."""
    screenings = list(participant.screenings.all())  # newest first (model ordering)
    entries = [s for s in screenings if s.kind == Screening.Kind.ENTRY]
    if not entries:
        return None
    entry = entries[-1]
    later = [
        s
        for s in screenings
        if s.kind in (Screening.Kind.EXIT, Screening.Kind.FOLLOW_UP)
        and (s.screened_on, s.pk) > (entry.screened_on, entry.pk)
    ]
    exits = [s for s in later if s.kind == Screening.Kind.EXIT]
    other = (exits or later or [None])[0]
    entry_results = {r.substance: r for r in entry.results.all()}
    other_results = {r.substance: r for r in other.results.all()} if other else {}
    rows = [
        ComparisonRow(
            substance=key,
            label=str(assist.SUBSTANCE_LABELS[key]),
            entry=entry_results.get(key),
            exit=other_results.get(key),
        )
        for key in assist.SUBSTANCES
        if (entry_results.get(key) and entry_results[key].ever_used)
        or (other_results.get(key) and other_results[key].ever_used)
    ]
    return {"entry": entry, "exit": other, "rows": rows}


def participant_warnings(participant: Participant) -> list[str]:
    """Where the rutan's reality gets in the way of an open enrolment (shown, never enforced)."""
    warnings = []
    consents = list(participant.consents.all())
    for enrollment in participant.enrollments.all():
        if enrollment.is_open:
            warnings += _release_warnings(participant, enrollment)
            warnings += _register_warnings(participant, enrollment)
            warnings += _status_warnings(participant, enrollment, consents)
    warnings += _transfer_warnings(participant)
    return list(dict.fromkeys(warnings))


def _release_warnings(participant: Participant, enrollment: Enrollment) -> list[str]:
    """The expected release falls before the cohort ends."""
    cohort, release = enrollment.cohort, participant.expected_release_date
    warnings = []
    if release and release < cohort.end_date:
        warnings.append(
            _(
                "Perkiraan bebas %(release)s jatuh sebelum %(cohort)s berakhir "
                "(%(end)s): rencanakan penyelesaian atau rujukan lanjutan."
            )
            % {
                "release": date_format(release),
                "cohort": cohort.name,
                "end": date_format(cohort.end_date),
            }
        )
    return warnings


def _register_warnings(participant: Participant, enrollment: Enrollment) -> list[str]:
    """Register changes since the cohort began: the legal status may affect taking part."""
    cohort = enrollment.cohort
    return [
        _(
            "Register berubah dari %(old)s ke %(new)s pada %(date)s, selama "
            "%(cohort)s: periksa apakah status hukum baru memengaruhi keikutsertaan."
        )
        % {
            "old": change.from_type,
            "new": change.to_type,
            "date": date_format(change.changed_on),
            "cohort": cohort.name,
        }
        for change in participant.register_changes.all()
        if change.changed_on >= cohort.start_date
    ]


def _status_warnings(
    participant: Participant, enrollment: Enrollment, consents: list[Consent]
) -> list[str]:
    """An open enrolment whose status no longer fits: consent withdrawn, cohort over, release
    passed, no entry screening."""
    cohort, release, today = (
        enrollment.cohort,
        participant.expected_release_date,
        timezone.localdate(),
    )
    active = enrollment.status == Enrollment.Status.ACTIVE
    warnings = []
    if active and consents and not any(c.withdrawn_on is None for c in consents):
        warnings.append(
            _("Persetujuan (informed consent) sudah dicabut, tetapi keikutsertaan masih aktif.")
        )
    if active and cohort.end_date < today:
        warnings.append(
            _(
                "%(cohort)s sudah berakhir pada %(end)s, tetapi status masih Aktif: "
                "nyatakan selesai atau catat keluar."
            )
            % {"cohort": cohort.name, "end": date_format(cohort.end_date)}
        )
    if release and release < today:
        warnings.append(
            _(
                "Perkiraan bebas (%(release)s) sudah lewat, tetapi keikutsertaan di "
                "%(cohort)s masih terbuka: catat bebas atau perbarui tanggalnya."
            )
            % {"release": date_format(release), "cohort": cohort.name}
        )
    if not any(s.kind == Screening.Kind.ENTRY for s in participant.screenings.all()):
        warnings.append(_("Belum ada skrining ASSIST awal untuk warga binaan ini."))
    return warnings


def _transfer_warnings(participant: Participant) -> list[str]:
    """Enrolments ended by a transfer, with their date and reason."""
    return [
        _("Tercatat dipindahkan pada %(date)s dari %(cohort)s: %(reason)s")
        % {
            "date": date_format(enrollment.ended_on) if enrollment.ended_on else "—",
            "cohort": enrollment.cohort.name,
            "reason": enrollment.end_reason or "—",
        }
        for enrollment in participant.enrollments.all()
        if enrollment.status == Enrollment.Status.TRANSFERRED
    ]


def cohorts_open_to(participant: Participant) -> QuerySet:
    """Cohorts of the participant's facility that have not ended and do not list them yet."""
    return (
        Cohort.objects.filter(programme__facility_id=participant.facility_id)
        .filter(end_date__gte=timezone.localdate())
        .exclude(enrollments__participant=participant)
        .order_by("start_date", "name")
    )


def cohort_warnings(participant: Participant, cohort) -> list[str]:
    """Warnings to show before putting `participant` on `cohort`."""
    warnings = []
    release = participant.expected_release_date
    if release and release < cohort.end_date:
        warnings.append(
            _("Perkiraan bebas %(release)s sebelum angkatan berakhir (%(end)s).")
            % {"release": date_format(release), "end": date_format(cohort.end_date)}
        )
    if participant.is_detainee:
        warnings.append(
            _(
                "Warga binaan masih tahanan (register %(type)s): jadwal sidang dapat "
                "mengganggu kehadiran, dan statusnya bisa berubah selama program."
            )
            % {"type": participant.register_type}
        )
    return warnings


def screening_due_condition() -> Q:
    """Participants who finished a cohort but have no exit screening after it."""
    completed = Enrollment.objects.filter(
        participant=OuterRef("pk"), status=Enrollment.Status.COMPLETED
    )
    exit_screening = Screening.objects.filter(participant=OuterRef("pk"), kind=Screening.Kind.EXIT)
    # EXISTS, not a join and DISTINCT over every column of the register.
    return Q(Exists(completed)) & ~Q(Exists(exit_screening))


def recap_review_list(user) -> list[Participant]:
    """Participants in reach whose old free-text recap values wait for a code, by name."""
    return list(
        participants_for(user).recap_to_review().select_related("facility").order_by("name", "id")
    )


# Enrolments that mean a person is in, or through, a programme: they wait for nothing.
_NOT_WAITING = [
    Enrollment.Status.ENROLLED,
    Enrollment.Status.ACTIVE,
    Enrollment.Status.SUSPENDED,
    Enrollment.Status.COMPLETED,
    Enrollment.Status.TRANSFERRED,
    Enrollment.Status.RELEASED,
]


def awaiting_enrolment(user) -> QuerySet[Participant]:
    """Screened participants in the user's scope who are in no programme (a dropout may rejoin).

    Annotated with `has_consent` (an informed consent valid today), for the bulk enrolment page.
    """
    today = timezone.localdate()
    return (
        participants_for(user)
        .filter(screenings__isnull=False)
        .exclude(enrollments__status__in=_NOT_WAITING)
        .annotate(
            has_consent=Exists(Consent.objects.filter(participant=OuterRef("pk")).valid_on(today)),
            last_screened_on=Max("screenings__screened_on"),
        )
        .order_by("-last_screened_on", "name")
    )


def cohorts_taking_enrolments(user) -> QuerySet:
    """Cohorts in the user's scope that have not ended, soonest first."""
    return (
        Cohort.objects.select_related("programme__facility")
        .visible_to(user)
        .filter(end_date__gte=timezone.localdate())
        .order_by("start_date", "name")
    )


def court_days(facility, first: dt.date, last: dt.date) -> list[CourtHearing]:
    """Who of `facility` is out for a hearing from `first` to `last` (the week view, the home)."""
    return list(
        CourtHearing.objects.filter(participant__facility=facility)
        .between(first, last)
        .select_related("participant")
    )


def possible_duplicates(
    facility_id: int, *, nik: str, name: str, birth_date: dt.date | None, exclude_pk=None
) -> tuple[list[Participant], list[Participant]]:
    """(same NIK, same name and birth date) among the facility's participants."""
    condition = Q(pk__in=[])
    if nik:
        condition |= Q(nik=nik)
    if name and birth_date:
        condition |= Q(name__iexact=" ".join(name.split()), birth_date=birth_date)
    matches = list(
        Participant.objects.filter(facility_id=facility_id)
        .filter(condition)
        .exclude(pk=exclude_pk)
        .order_by("name")[:5]
    )
    same_nik = [p for p in matches if nik and p.nik == nik]
    same_person = [p for p in matches if p not in same_nik]
    return same_nik, same_person
