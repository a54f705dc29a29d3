"""Release planning: who of a facility leaves soon (release, PB/CB/CMB, transfer), and what is
still due before they go."""

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import Screening
from rehab.models import Evaluation
from rehab.models import ReviewStatus

WINDOWS = (30, 60)
# Enrolments that make someone a programme participant still inside the facility.
IN_PROGRAMME = [
    Enrollment.Status.ENROLLED,
    Enrollment.Status.ACTIVE,
    Enrollment.Status.SUSPENDED,
    Enrollment.Status.COMPLETED,
]
LEAVING_KINDS = [
    IntegrationProgramme.Kind.PB,
    IntegrationProgramme.Kind.CB,
    IntegrationProgramme.Kind.CMB,
]


@dataclass
class Leaving:
    participant: Participant
    leaves_on: dt.date | None
    why: str
    enrollment: Enrollment
    due: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)

    def within(self, today: dt.date, days: int) -> bool:
        return self.leaves_on is None or self.leaves_on <= today + dt.timedelta(days=days)


def _planned_transfers(today: dt.date, last: dt.date) -> QuerySet:
    # aftercare's model, reached through the relation it declares (participants sits below it).
    model = Participant._meta.get_field("planned_transfers").related_model
    return model.objects.filter(expected_on__range=(today, last))


def _leaving_decisions(today: dt.date, last: dt.date) -> QuerySet[IntegrationProgramme]:
    return IntegrationProgramme.objects.filter(
        kind__in=LEAVING_KINDS, status=IntegrationProgramme.Status.APPROVED
    ).filter(Q(leaves_on__isnull=True) | Q(leaves_on__range=(today, last)))


def leaving_condition(today: dt.date, last: dt.date) -> Q:
    """Who `leaving_within` lists: in a programme, and released, let out or transferred in
    [today, last].

    EXISTS rather than a join, so that it needs no DISTINCT and can be a FILTER of a count.
    """
    in_programme = Enrollment.objects.filter(participant=OuterRef("pk"), status__in=IN_PROGRAMME)
    return Q(Exists(in_programme)) & (
        Q(expected_release_date__range=(today, last))
        | Q(pk__in=_leaving_decisions(today, last).values("participant_id"))
        | Q(pk__in=_planned_transfers(today, last).values("participant_id"))
    )


def _candidates(queryset: QuerySet[Participant], today: dt.date, last: dt.date):
    approved = _leaving_decisions(today, last)
    transfers = _planned_transfers(today, last)
    return (
        queryset.filter(leaving_condition(today, last))
        .select_related("facility")
        .prefetch_related(
            "handovers",
            Prefetch("integration_programmes", queryset=approved, to_attr="leaving_decisions"),
            Prefetch("planned_transfers", queryset=transfers, to_attr="leaving_transfers"),
            Prefetch(
                "screenings",
                queryset=Screening.objects.filter(kind=Screening.Kind.EXIT),
                to_attr="exit_screenings",
            ),
            Prefetch(
                "enrollments",
                queryset=Enrollment.objects.filter(status__in=IN_PROGRAMME)
                .select_related("cohort", "certificate")
                .prefetch_related(
                    Prefetch(
                        "evaluations",
                        queryset=Evaluation.objects.filter(
                            kind=Evaluation.Kind.EXIT, status=ReviewStatus.APPROVED
                        ),
                        to_attr="exit_evaluations",
                    )
                )
                .order_by("-created_at", "-id"),
                to_attr="programme_enrollments",
            ),
        )
    )


def _when(
    participant: Participant, today: dt.date, last: dt.date
) -> tuple[dt.date | None, str, bool]:
    """The earliest expected leaving in [today, last], why, and whether the Bapas takes over
    (a release or a PB/CB/CMB decision; not a transfer to another UPT)."""
    options = []
    release = participant.expected_release_date
    if release and today <= release <= last:
        options.append((release, _("Perkiraan bebas"), True))
    for decision in participant.leaving_decisions:
        label = _("%(kind)s disetujui") % {"kind": decision.get_kind_display()}
        options.append((decision.leaves_on, label, True))
    for transfer in participant.leaving_transfers:
        label = _("Pindah ke %(destination)s") % {"destination": transfer.destination}
        options.append((transfer.expected_on, label, False))
    # A decision without a date comes first: the date has to be asked.
    options.sort(key=lambda o: (o[0] is not None, o[0] or today))
    return options[0]


def _due(
    participant: Participant, enrollment: Enrollment, to_bapas: bool
) -> tuple[list[str], list[str]]:
    """(still due, done) before the participant leaves; a handover only when to a Bapas."""
    start = enrollment.activated_on or enrollment.enrolled_on
    checks = [
        (
            _("Skrining akhir"),
            any(s.screened_on >= start for s in participant.exit_screenings)
            if start
            else bool(participant.exit_screenings),
        ),
        (_("Evaluasi akhir"), bool(enrollment.exit_evaluations)),
        (_("Sertifikat"), _has_certificate(enrollment)),
    ]
    if to_bapas:
        checks.append((_("Serah terima Bapas"), bool(participant.handovers.all())))
    due = [label for label, ok in checks if not ok]
    done = [label for label, ok in checks if ok]
    return due, done


def _has_certificate(enrollment: Enrollment) -> bool:
    try:
        return enrollment.certificate is not None
    except Enrollment.certificate.RelatedObjectDoesNotExist:
        return False


def leaving_within(queryset: QuerySet[Participant], *, today: dt.date, days: int) -> list[Leaving]:
    """Programme participants of `queryset` expected to leave within `days` days of `today`."""
    last = today + dt.timedelta(days=days)
    rows = []
    for participant in _candidates(queryset, today, last):
        leaves_on, why, to_bapas = _when(participant, today, last)
        enrollment = participant.programme_enrollments[0]
        due, done = _due(participant, enrollment, to_bapas)
        rows.append(Leaving(participant, leaves_on, why, enrollment, due, done))
    rows.sort(key=lambda r: (r.leaves_on is not None, r.leaves_on or today, r.participant.name))
    return rows
