"""Retention (UU PDP Pasal 42–44): after a facility's retention period has passed since a
participant's release or the end of their programme, their identity is removed.

What goes: name, NIK, registration number, birth place, case article, cell block, the agenda
of their court hearings, and every mention of the name, NIK or registration numbers in free
text of their records and in the JSON a model declares personal (a handover packet), and in
those records' saved versions. The day of birth becomes the first of the month, in the packet too. What stays: every
field a report counts (sex, register type, dates, substance, route, diagnosis, treatment
history, enrolment and attendance rows), so the aggregates of past reports stay identical.

Why the first of the month keeps age bands exact: reports compare a birth date with the last
day of a month minus N years, and any day of the same month is on or before that last day.
29 February is kept as it is (it compares differently against 28 February).
"""

import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.db import models
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from participants.models import CourtHearing
from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RetentionRun
from participants.personal_data import related_record_sets
from rutan import dates
from rutan.models import Facility

logger = logging.getLogger(__name__)

REDACTED = "[dianonimkan]"
MIN_NAME_PART = 3
# The Bapas follows a released person up to 12 months after the handover (aftercare's last
# follow-up milestone); nobody is anonymised while that year runs.
FOLLOW_UP_MONTHS = 12
BUSY_INTEGRATION = (
    IntegrationProgramme.Status.PROPOSED,
    IntegrationProgramme.Status.IN_REVIEW,
    IntegrationProgramme.Status.APPROVED,
    IntegrationProgramme.Status.RUNNING,
)


def relationship_end(participant: Participant) -> dt.date | None:
    """When Pulih's purpose for the person ended: release or the end of their last enrolment."""
    dates = [
        d for d in (participant.expected_release_date, participant.last_ended_on) if d is not None
    ]
    return max(dates) if dates else None


def expired_participants(facility: Facility, today: dt.date) -> list[Participant]:
    """The facility's participants whose retention period is over and who are not anonymised.

    Anyone with an open enrolment, an integration programme still under way or a Bapas
    follow-up year still running (handed over less than 12 months ago) is kept.
    """
    cutoff = dates.add_months(today, -facility.retention_months)
    following_up_since = dates.add_months(today, -FOLLOW_UP_MONTHS)
    candidates = (
        Participant.objects.filter(facility=facility, anonymised_on__isnull=True)
        .exclude(enrollments__status__in=Enrollment.OPEN)
        .exclude(integration_programmes__status__in=BUSY_INTEGRATION)
        .exclude(handovers__handed_over_on__gt=following_up_since)
        .annotate(last_ended_on=Max("enrollments__ended_on"))
        .order_by("pk")
    )
    return [p for p in candidates if (end := relationship_end(p)) is not None and end < cutoff]


def _needles(participant: Participant, sets) -> list[str]:
    """What identifies the person in free text: full name, name parts, NIK, register numbers."""
    needles = {participant.name, participant.registration_number, participant.nik}
    needles.update(part for part in participant.name.split() if len(part) >= MIN_NAME_PART)
    for group in sets:
        if group.label == "participants.registerchange":
            for change in group.objects:
                needles.update((change.from_number, change.to_number))
    return sorted((n for n in needles if n and n.strip()), key=len, reverse=True)


def _scrub(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(REDACTED, text) if text else text


def _text_fields(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.primary_key
        and f.name not in ("history_type",)
    ]


def _kept_birth_date(birth: dt.date | None) -> dt.date | None:
    """The day of birth becomes the first of its month (29 February stays, see above)."""
    return birth.replace(day=1) if birth and (birth.month, birth.day) != (2, 29) else birth


def _personal_json_fields(model) -> tuple[str, ...]:
    """JSON fields a model declares as holding personal data in free form (a frozen packet).

    Other JSON fields hold codes a report counts and are left alone. A saved version reads
    the declaration of the model it is a version of.
    """
    return getattr(getattr(model, "instance_type", model), "PERSONAL_JSON_FIELDS", ())


@dataclass
class _Redaction:
    pattern: re.Pattern
    birth: str | None  # the day of birth as JSON holds it, and what it becomes
    kept_birth: str | None

    def text(self, value: str) -> str:
        return _scrub(value, self.pattern)

    def json(self, value):
        if isinstance(value, str):
            return self.kept_birth if self.birth and value == self.birth else self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {key: self.json(v) for key, v in value.items()}
        return value


def _scrub_rows(rows, redaction: _Redaction) -> None:
    """Replace the needles in every free-text field of `rows` (saved without new history)."""
    for row in rows:
        model = type(row)
        changed = {}
        for name in _text_fields(model):
            value = getattr(row, name)
            if isinstance(value, str) and (cleaned := redaction.text(value)) != value:
                changed[name] = cleaned
        for name in _personal_json_fields(model):
            value = getattr(row, name)
            if (cleaned := redaction.json(value)) != value:
                changed[name] = cleaned
        if changed:
            model._default_manager.filter(pk=row.pk).update(**changed)


def _redaction(participant: Participant, sets) -> _Redaction:
    words = "|".join(re.escape(n) for n in _needles(participant, sets))
    pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)", flags=re.IGNORECASE)
    birth = participant.birth_date
    kept = _kept_birth_date(birth)
    return _Redaction(
        pattern, birth.isoformat() if birth else None, kept.isoformat() if kept else None
    )


@transaction.atomic
def participant_anonymise(*, participant: Participant, today: dt.date) -> None:
    """Remove the identity of one participant, keeping every counted field."""
    sets = related_record_sets(participant)
    redaction = _redaction(participant, sets)
    pattern = redaction.pattern
    for group in sets:
        _scrub_rows(group.objects, redaction)
        model = type(group.objects[0])
        history = getattr(model, "history", None)
        if history is not None:
            _scrub_rows(history.filter(id__in=[o.pk for o in group.objects]), redaction)
    _forget_hearing_agendas(participant)
    identity = {
        "name": f"Warga binaan anonim #{participant.pk}",
        "registration_number": f"ANONIM-{participant.pk}",
        "nik": "",
        "birth_place": "",
        "case_article": "",
        "cell_block": "",
    }
    free_text = {
        name: _scrub(getattr(participant, name), pattern)
        for name in _text_fields(Participant)
        if name not in identity
    }
    Participant.objects.filter(pk=participant.pk).update(
        **identity,
        **free_text,
        birth_date=_kept_birth_date(participant.birth_date),
        anonymised_on=today,
        updated_at=timezone.now(),
    )
    # Earlier saved versions hold the identity too: none is kept.
    participant.history.all().delete()


def _forget_hearing_agendas(participant: Participant) -> None:
    """A hearing's agenda tells the case, as the case article does: it goes with it.

    The day and the court stay (the attendance of that day counts them).
    """
    hearings = CourtHearing.objects.filter(participant=participant)
    CourtHearing.history.filter(id__in=hearings.values("pk")).update(agenda="")
    hearings.update(agenda="")


def retention_run(
    *, dry_run: bool, today: dt.date | None = None, facilities=None
) -> list[RetentionRun]:
    """Anonymise every expired participant (or only count them, on a dry run), per facility."""
    today = today or timezone.localdate()
    runs = []
    for facility in facilities if facilities is not None else Facility.objects.order_by("code"):
        expired = expired_participants(facility, today)
        if not dry_run:
            for participant in expired:
                participant_anonymise(participant=participant, today=today)
        run = RetentionRun.objects.create(
            facility=facility,
            dry_run=dry_run,
            retention_months=facility.retention_months,
            expired=len(expired),
            anonymised=0 if dry_run else len(expired),
        )
        logger.info(
            "retention %s: facility=%s retention_months=%s expired=%s anonymised=%s",
            "dry-run" if dry_run else "run",
            facility.code,
            facility.retention_months,
            run.expired,
            run.anonymised,
        )
        runs.append(run)
    return runs
