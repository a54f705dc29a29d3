"""Retention (UU PDP Pasal 42–44): after a facility's retention period has passed since a
participant's release or the end of their programme, their identity is removed.

What goes: name, NIK, registration number, birth place, case article, cell block, and every
mention of the name, NIK or registration numbers in free text of their records (and of those
records' saved versions). The day of birth becomes the first of the month. What stays: every
field a report counts (sex, register type, dates, substance, route, diagnosis, treatment
history, enrolment and attendance rows), so the aggregates of past reports stay identical.

Why the first of the month keeps age bands exact: reports compare a birth date with the last
day of a month minus N years, and any day of the same month is on or before that last day.
29 February is kept as it is (it compares differently against 28 February).
"""

import datetime as dt
import logging
import re

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from participants.models import Enrollment, IntegrationProgramme, Participant, RetentionRun
from participants.personal_data import related_record_sets
from rutan import dates
from rutan.models import Facility

logger = logging.getLogger(__name__)

REDACTED = "[dianonimkan]"
MIN_NAME_PART = 3
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

    Anyone with an open enrolment or an integration programme still under way is kept.
    """
    cutoff = dates.add_months(today, -facility.retention_months)
    candidates = (
        Participant.objects.filter(facility=facility, anonymised_on__isnull=True)
        .exclude(enrollments__status__in=Enrollment.OPEN)
        .exclude(integration_programmes__status__in=BUSY_INTEGRATION)
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


def _scrub_rows(rows, pattern: re.Pattern) -> None:
    """Replace the needles in every free-text field of `rows` (saved without new history)."""
    for row in rows:
        names = _text_fields(type(row))
        changed = []
        for name in names:
            value = getattr(row, name)
            if isinstance(value, str):
                cleaned = _scrub(value, pattern)
                if cleaned != value:
                    setattr(row, name, cleaned)
                    changed.append(name)
        if changed:
            type(row)._default_manager.filter(pk=row.pk).update(
                **{n: getattr(row, n) for n in changed}
            )


@transaction.atomic
def participant_anonymise(*, participant: Participant, today: dt.date) -> None:
    """Remove the identity of one participant, keeping every counted field."""
    sets = related_record_sets(participant)
    words = "|".join(re.escape(n) for n in _needles(participant, sets))
    pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)", flags=re.IGNORECASE)
    for group in sets:
        _scrub_rows(group.objects, pattern)
        model = type(group.objects[0])
        history = getattr(model, "history", None)
        if history is not None:
            _scrub_rows(history.filter(id__in=[o.pk for o in group.objects]), pattern)
    birth = participant.birth_date
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
        birth_date=birth.replace(day=1) if birth and (birth.month, birth.day) != (2, 29) else birth,
        anonymised_on=today,
        updated_at=timezone.now(),
    )
    # Earlier saved versions hold the identity too: none is kept.
    participant.history.all().delete()


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
