"""One timeline per participant, fed by every app that knows something about them.

A source is a function `(participant, user) -> list[TimelineEntry]` registered with
`@timeline_source(order)`. Other apps keep theirs in their own `timeline.py` (sessions: missed
sessions and observations; rehab: evaluations), found when Django starts
(ParticipantsConfig.ready), so participants imports none of them. A source runs at most a
couple of queries, whatever the number of entries.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from participants.models import Enrollment
from participants.models import Participant
from rutan.dates import facility_date
from rutan.registry import Registry

# Markers per kind of entry (Bootstrap colour names).
TONES = {
    Enrollment.Status.ACTIVE: "success",
    Enrollment.Status.SUSPENDED: "warning",
    Enrollment.Status.COMPLETED: "primary",
    Enrollment.Status.DROPPED_OUT: "danger",
    Enrollment.Status.TRANSFERRED: "warning",
    Enrollment.Status.RELEASED: "info",
}
RISK_TONES = {"low": "success", "moderate": "warning", "high": "danger"}


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    kind: str
    title: str
    detail: str = ""
    url: str = ""
    tone: str = "secondary"
    actor: str = ""
    # When it was recorded, to order entries of the same day; None sorts first.
    at: dt.datetime | None = None


# A source: (participant, user) -> entries; entries of the same moment keep the sources' order.
timeline_source: Registry[Callable[[Participant, object], list[TimelineEntry]]] = Registry()


def timeline_for(participant: Participant, user) -> list[TimelineEntry]:
    """Every source's entries, newest first."""
    entries: list[TimelineEntry] = []
    for _name, source in timeline_source.items():
        entries.extend(source(participant, user))
    return sorted(
        entries, key=lambda entry: (entry.on, entry.at.timestamp() if entry.at else 0), reverse=True
    )


@timeline_source(10)
def registry_entries(participant: Participant, user) -> list[TimelineEntry]:
    """Admission, register changes, screenings, consents and integration programmes.

    Reads the lists the page selector prefetched, so it adds no query.
    """
    return [
        TimelineEntry(
            on=participant.admission_date,
            kind="admission",
            title=_("Masuk %(facility)s") % {"facility": participant.facility},
        ),
        *_register_entries(participant),
        *_screening_entries(participant),
        *_consent_entries(participant),
        *_integration_entries(participant),
    ]


def _register_entries(participant: Participant) -> list[TimelineEntry]:
    """Each change of the register the participant is kept under."""
    return [
        TimelineEntry(
            on=change.changed_on,
            kind="register",
            title=_("Register berubah: %(old)s → %(new)s")
            % {"old": change.from_type, "new": change.to_type},
            detail=change.reason,
            tone="warning",
            actor=str(change.recorded_by),
            at=change.created_at,
        )
        for change in participant.register_changes.all()
    ]


def _screening_entries(participant: Participant) -> list[TimelineEntry]:
    """Each ASSIST screening with its highest risk."""
    return [
        TimelineEntry(
            on=screening.screened_on,
            kind="screening",
            title=_("Skrining ASSIST %(kind)s: risiko tertinggi %(risk)s")
            % {
                "kind": screening.get_kind_display().lower(),
                "risk": screening.get_highest_risk_display().lower(),
            },
            url=reverse("participants:screening_detail", args=[screening.pk]),
            tone=RISK_TONES.get(screening.highest_risk, "secondary"),
            actor=str(screening.screener),
            at=screening.created_at,
        )
        for screening in participant.screenings.all()
    ]


def _with_sequels(records, first, sequel) -> list[TimelineEntry]:
    """An entry per record, each followed right after by its sequel's when it has one."""
    entries = []
    for record in records:
        entries.append(first(record))
        later = sequel(record)
        if later is not None:
            entries.append(later)
    return entries


def _consent_entries(participant: Participant) -> list[TimelineEntry]:
    """Each consent given, and its withdrawal right after it when it was withdrawn."""
    return _with_sequels(participant.consents.all(), _consent_given, _consent_withdrawn)


def _consent_given(consent) -> TimelineEntry:
    return TimelineEntry(
        on=consent.given_on,
        kind="consent",
        title=_("Persetujuan (informed consent) dicatat"),
        detail=consent.witness and _("Saksi: %(name)s") % {"name": consent.witness},
        actor=str(consent.recorded_by),
        at=consent.created_at,
    )


def _consent_withdrawn(consent) -> TimelineEntry | None:
    if not consent.withdrawn_on:
        return None
    return TimelineEntry(
        on=consent.withdrawn_on,
        kind="consent",
        title=_("Persetujuan dicabut"),
        detail=consent.withdrawal_reason,
        tone="danger",
    )


def _integration_entries(participant: Participant) -> list[TimelineEntry]:
    """Each integration programme proposed, and its TPP hearing right after it when held."""
    return _with_sequels(
        participant.integration_programmes.all(), _integration_proposed, _integration_heard
    )


def _integration_proposed(programme) -> TimelineEntry:
    return TimelineEntry(
        on=programme.proposed_on,
        kind="integration",
        title=_("Usulan %(kind)s") % {"kind": programme.get_kind_display()},
        detail=programme.guarantor
        and _("Penjamin: %(partner)s") % {"partner": programme.guarantor},
        at=programme.created_at,
    )


def _integration_heard(programme) -> TimelineEntry | None:
    if not programme.tpp_date:
        return None
    return TimelineEntry(
        on=programme.tpp_date,
        kind="integration",
        title=_("Sidang TPP %(kind)s: %(status)s")
        % {"kind": programme.get_kind_display(), "status": programme.get_status_display()},
        detail=programme.decision,
        tone="info",
    )


@timeline_source(20)
def enrollment_entries(participant: Participant, user) -> list[TimelineEntry]:
    """Every status an enrolment went through, read from its history (one query)."""
    records = (
        Enrollment.history.filter(participant_id=participant.pk)
        .select_related("cohort", "history_user")
        .order_by("id", "history_date", "history_id")
    )
    zone = participant.facility.timezone
    entries = []
    previous: dict[int, str] = {}
    for record in records:
        if previous.get(record.id) == record.status:
            continue
        previous[record.id] = record.status
        status = Enrollment.Status(record.status)
        entries.append(
            TimelineEntry(
                on=record.status_changed_on or facility_date(record.history_date, zone),
                kind="enrollment",
                title=_("%(cohort)s: %(status)s")
                % {"cohort": record.cohort.name if record.cohort else "—", "status": status.label},
                detail=record.status_reason,
                tone=TONES.get(status, "secondary"),
                actor=str(record.history_user or ""),
                at=record.history_date,
            )
        )
    return entries
