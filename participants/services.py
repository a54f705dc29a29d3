"""Changes to participants that touch more than one row."""

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participants import assist
from participants.models import Certificate
from participants.models import Consent
from participants.models import CourtHearing
from participants.models import Enrollment
from participants.models import Participant
from participants.models import RegisterChange
from participants.models import Screening
from participants.models import SubstanceResult
from participants.models import registration_number_error
from rutan.models import Facility


@transaction.atomic
def participant_change_register(
    *,
    participant: Participant,
    to_type: str,
    to_number: str,
    changed_on: dt.date,
    reason: str,
    recorded_by,
) -> RegisterChange:
    """Move a participant to another register, keeping the old one as dated history."""
    to_number = to_number.strip() or participant.registration_number
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if to_type == locked.register_type and to_number == locked.registration_number:
        raise ValidationError(_("Register dan nomor registrasi baru sama dengan yang lama."))
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("Tanggal perubahan tidak boleh di masa depan.")})
    if changed_on < locked.admission_date:
        raise ValidationError(
            {
                "changed_on": _("Tanggal perubahan tidak boleh sebelum tanggal masuk (%(date)s).")
                % {"date": date_format(locked.admission_date)}
            }
        )
    if error := registration_number_error(to_type, to_number):
        if to_number == locked.registration_number:
            error = _(
                "%(error)s Isi nomor registrasi baru yang sesuai dengan register %(type)s."
            ) % {"error": error, "type": to_type}
        raise ValidationError({"to_number": error})
    taken = (
        Participant.objects.filter(facility_id=locked.facility_id, registration_number=to_number)
        .exclude(pk=locked.pk)
        .exists()
    )
    if taken:
        raise ValidationError(
            {"to_number": _("Nomor registrasi ini sudah dipakai warga binaan lain di UPT ini.")}
        )
    change = RegisterChange.objects.create(
        participant=locked,
        changed_on=changed_on,
        from_type=locked.register_type,
        to_type=to_type,
        from_number=locked.registration_number,
        to_number=to_number,
        reason=reason.strip(),
        recorded_by=recorded_by,
    )
    locked.register_type = to_type
    locked.registration_number = to_number
    locked.save(update_fields=["register_type", "registration_number", "updated_at"])
    participant.register_type, participant.registration_number = to_type, to_number
    return change


@transaction.atomic
def screening_record(
    *,
    participant: Participant,
    kind: str,
    screened_on: dt.date,
    screener,
    answers: Mapping[str, Mapping],
    injected: str = "",
    notes: str = "",
) -> Screening:
    """Store one ASSIST screening: answers per substance, scores and risk levels computed here.

    `answers` maps each substance key to {"ever_used": bool, "responses": {2: "...", ...}};
    a substance never used scores 0 (low) and keeps no responses.
    """
    screening = Screening.objects.create(
        participant=participant,
        kind=kind,
        screened_on=screened_on,
        screener=screener,
        injected=injected,
        notes=notes.strip(),
    )
    results = []
    for substance in assist.SUBSTANCES:
        answer = answers.get(substance) or {}
        ever_used = bool(answer.get("ever_used"))
        responses = (
            {int(q): r for q, r in answer.get("responses", {}).items() if r} if ever_used else {}
        )
        score = assist.involvement_score(substance, responses)
        results.append(
            SubstanceResult(
                screening=screening,
                substance=substance,
                ever_used=ever_used,
                # JSON object keys are strings; the scoring functions take ints.
                responses={str(q): r for q, r in sorted(responses.items())},
                score=score,
                risk=assist.risk_level(substance, score),
            )
        )
    SubstanceResult.objects.bulk_create(results)
    screening.highest_risk = assist.highest_risk([r.risk for r in results])
    screening.save(update_fields=["highest_risk", "updated_at"])
    participant.refresh_latest_risk()
    return screening


@transaction.atomic
def enrollment_open(*, participant: Participant, cohort, on: dt.date | None = None) -> Enrollment:
    """Put a screened participant on a cohort's list (status "screened") as of `on`."""
    if cohort.programme.facility_id != participant.facility_id:
        raise ValidationError(_("Angkatan ini bukan milik UPT warga binaan."))
    if Enrollment.objects.filter(participant=participant, cohort=cohort).exists():
        raise ValidationError(_("Warga binaan ini sudah tercatat di angkatan tersebut."))
    return Enrollment.objects.create(
        participant=participant, cohort=cohort, status_changed_on=on or timezone.localdate()
    )


# What happens to an active enrolment when its consent is withdrawn: the person chooses.
WITHDRAWAL_ACTIONS = ("suspend", "drop_out")


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, on: dt.date, reason: str, enrollment_action: str = ""
) -> list[Enrollment]:
    """Withdraw a consent; with no other consent left, each active enrolment is suspended or
    ended (dropped out) on the same day, for the same reason. Returns the enrolments changed.

    Nobody takes part without consent: an active enrolment never outlives it.
    """
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    consent.withdraw(on=on, reason=reason)
    still_valid = (
        Consent.objects.filter(participant_id=consent.participant_id)
        .exclude(pk=consent.pk)
        .valid_on(on)
        .exists()
    )
    if still_valid:
        return []
    active = list(
        Enrollment.objects.select_for_update()
        .select_related("cohort")
        .filter(participant_id=consent.participant_id, status=Enrollment.Status.ACTIVE)
    )
    if not active:
        return []
    if enrollment_action not in WITHDRAWAL_ACTIONS:
        raise ValidationError(
            {
                "enrollment_action": _(
                    "Warga binaan ini masih aktif di %(cohort)s: pilih apakah keikutsertaannya "
                    "ditangguhkan atau diakhiri."
                )
                % {"cohort": ", ".join(e.cohort.name for e in active)}
            }
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasannya: dicatat juga pada keikutsertaan.")})
    for enrollment in active:
        getattr(enrollment, enrollment_action)(on=on, reason=reason)
    return active


@dataclass(frozen=True)
class BulkEnrolment:
    """What one bulk enrolment did: who is enrolled, who also active, who not and why."""

    enrolled: list[Enrollment]
    activated: list[Enrollment]
    not_activated: list[tuple[Participant, str]]


@transaction.atomic
def enrollments_enrol_many(
    *,
    participants: Sequence[Participant],
    cohort,
    on: dt.date,
    activate: bool,
) -> BulkEnrolment:
    """Enrol several screened participants in `cohort` on `on`, in one step.

    With `activate`, those with an informed consent valid on `on` also become active; the
    others stay enrolled and the reason is reported (nothing is lost). A participant who
    cannot be enrolled at all (another facility, already in this cohort past screening) stops
    the whole step, so the list is saved entirely or not at all.
    """
    if cohort.end_date < on:
        raise ValidationError(_("Angkatan ini sudah berakhir."))
    taken = Enrollment.objects.filter(
        cohort=cohort,
        status__in=[
            Enrollment.Status.ENROLLED,
            Enrollment.Status.ACTIVE,
            Enrollment.Status.SUSPENDED,
        ],
    ).count()
    if taken + len(participants) > cohort.capacity:
        raise ValidationError(
            _(
                "Kapasitas %(cohort)s %(capacity)s orang; sisa %(left)s tempat, "
                "%(n)s warga binaan dipilih."
            )
            % {
                "cohort": cohort.name,
                "capacity": cohort.capacity,
                "left": max(0, cohort.capacity - taken),
                "n": len(participants),
            }
        )
    enrolled, activated, not_activated = [], [], []
    for participant in participants:
        enrollment = Enrollment.objects.filter(participant=participant, cohort=cohort).first()
        if enrollment is None:
            enrollment = enrollment_open(participant=participant, cohort=cohort, on=on)
        if enrollment.status == Enrollment.Status.SCREENED:
            enrollment.enroll(on=on)
        elif enrollment.status != Enrollment.Status.ENROLLED:
            raise ValidationError(
                _("%(name)s sudah berstatus %(status)s di angkatan ini.")
                % {"name": participant.name, "status": enrollment.get_status_display()}
            )
        enrolled.append(enrollment)
        if not activate:
            continue
        try:
            enrollment.activate(on=on)
        except ValidationError as refused:
            not_activated.append((participant, " ".join(refused.messages)))
        else:
            activated.append(enrollment)
    return BulkEnrolment(enrolled, activated, not_activated)


@transaction.atomic
def court_hearing_record(
    *, participant: Participant, recorded_by, hearing_date: dt.date, court: str, agenda: str = ""
) -> CourtHearing:
    """Record a hearing day: sessions that day then expect the participant at court."""
    return CourtHearing.objects.create(
        participant=participant,
        recorded_by=recorded_by,
        hearing_date=hearing_date,
        court=court.strip(),
        agenda=agenda.strip(),
    )


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment, issued_by, on: dt.date) -> Certificate:
    """The enrolment's certificate of completion, numbered per facility and year; once only."""
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing:
        return existing
    if enrollment.status != Enrollment.Status.COMPLETED:
        raise ValidationError(_("Sertifikat hanya untuk peserta yang menyelesaikan program."))
    facility = Facility.objects.select_for_update().get(pk=enrollment.participant.facility_id)
    last = (
        Certificate.objects.filter(facility=facility, year=on.year)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    sequence = (last or 0) + 1
    return Certificate.objects.create(
        enrollment=enrollment,
        facility=facility,
        year=on.year,
        sequence=sequence,
        number=f"{sequence:03d}/SERT-REHAB/{facility.code.upper()}/{on.year}",
        issued_on=on,
        issued_by=issued_by,
    )
