"""Demo scenario, today's part: Angkatan II of Balikpapan runs now, so every role has work today.

Dates count from the day the demo is first loaded (the facility's date, WITA): twice a week,
nine sessions already held (attendance recorded, notes written), one
session today (attendance still to record), five ahead. The monthly evaluations of the
previous month are approved; this month's wait for the kepala (some) or are drafts (a few).
Three people were screened this week and wait to be enrolled, two of them with consent.

Loading again on the same day changes nothing. On a later day the cohort keeps the dates it
got the first time (its start date tells the day it was loaded), so nothing a user recorded
is moved; start from an empty database to bring the story to the new day.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from participants.demo import _consent
from participants.demo import _consented_enrolment
from participants.demo import _person
from participants.demo import _screen
from participants.demo import _upsert
from participants.models import Enrollment
from participants.models import Screening
from rehab.demo_evaluations import _scores
from rehab.demo_programme import CURRICULUM
from rehab.models import Agreement
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import Module
from rehab.models import Programme
from rehab.models import ReviewStatus
from rutan.demo import DemoContext
from sessions.demo import PLACE
from sessions.demo import _record_attendance
from sessions.demo import _regular_session
from sessions.demo import _write_notes

PROGRAMME_NAME = "Program Rehabilitasi Pemasyarakatan 2026"
COHORT_NAME = "Angkatan II 2026"
# Days from today: twice a week, alternately 3 and 4 days apart; the tenth session is today.
SESSION_OFFSETS = [-32, -28, -25, -21, -18, -14, -11, -7, -4, 0, 3, 7, 10, 14, 17]
COHORT_STARTS = -35  # days from today; enrolled the day before, active from the start
# Notes for every held session: the facilitator's work today is today's session and the
# evaluations (Angkatan I's older sessions without notes already fill their home list).
NOTES_WRITTEN = 9
# Participant numbers of participants.demo's generator: 40–51 in this cohort, 52–54 waiting.
MEMBERS = range(40, 52)
WAITING = (52, 53, 54)
WAITING_WITH_CONSENT = (52, 53)
# Dropped out of Angkatan I "willing to join the next cohort": he did.
RETURNING = 18
# This month's evaluations: the first five wait for the kepala, the next three are drafts.
SUBMITTED, DRAFTS = 5, 3


def seed(ctx: DemoContext) -> None:
    balikpapan = ctx.facilities["rutan-balikpapan"]
    zone = ZoneInfo(balikpapan.timezone)
    today = timezone.localdate(timezone=zone)
    cohort = _cohort(ctx, today)
    # The day the story was first loaded: every other date counts from it.
    day0 = cohort.start_date - dt.timedelta(days=COHORT_STARTS)
    enrollments = _participants(ctx, cohort, day0)
    _sessions(ctx, cohort, day0, zone)
    _evaluations(ctx, enrollments, day0, zone)
    ctx.extra.update(cohort_today=cohort)


def _cohort(ctx: DemoContext, today: dt.date) -> Cohort:
    balikpapan, sekata = ctx.facilities["rutan-balikpapan"], ctx.partners["sekata"]
    start = today + dt.timedelta(days=COHORT_STARTS)
    end = today + dt.timedelta(days=SESSION_OFFSETS[-1] + 3)
    agreement = (
        Agreement.objects.filter(facility=balikpapan, partner=sekata).order_by("valid_from").first()
    )
    programme, _created = Programme.objects.get_or_create(
        facility=balikpapan,
        name=PROGRAMME_NAME,
        defaults={
            "partner": sekata,
            "agreement": agreement,
            "start_date": start,
            "end_date": end,
            "description": (
                "Program lanjutan bersama Yayasan SEKATA setelah Angkatan I 2025, berdasarkan "
                "PKS yang sama."
            ),
        },
    )
    cohort, created = Cohort.objects.get_or_create(
        programme=programme,
        name=COHORT_NAME,
        defaults={"start_date": start, "end_date": end, "capacity": 20, "place": PLACE},
    )
    if created:
        cohort.facilitators.set([ctx.users["fasilitator"]])
    return cohort


def _participants(ctx: DemoContext, cohort: Cohort, day0: dt.date) -> list[Enrollment]:
    balikpapan, petugas = ctx.facilities["rutan-balikpapan"], ctx.users["petugas"]
    screened_on = day0 + dt.timedelta(days=COHORT_STARTS - 3)
    enrolled_on = day0 + dt.timedelta(days=COHORT_STARTS - 1)
    started_on = day0 + dt.timedelta(days=COHORT_STARTS)
    members = []
    for n in MEMBERS:
        person = _admitted_in_2026(n, day0)
        participant = _upsert(balikpapan, person)
        _screen(participant, Screening.Kind.ENTRY, screened_on, petugas, person)
        members.append(participant)
    earlier = ctx.extra.get("participants") or []
    if len(earlier) > RETURNING:
        members.append(earlier[RETURNING])
    enrollments = []
    for participant in members:
        enrollment, created = _consented_enrolment(
            participant, cohort, petugas, consented_on=enrolled_on, screened_on=screened_on
        )
        if created:
            enrollment.enroll(on=enrolled_on, reason="Lolos skrining dan bersedia mengikuti.")
            enrollment.activate(on=started_on)
        enrollments.append(enrollment)
    for i, n in enumerate(WAITING):
        person = _admitted_in_2026(n, day0)
        participant = _upsert(balikpapan, person)
        _screen(participant, Screening.Kind.ENTRY, day0 - dt.timedelta(days=3 - i), petugas, person)
        if n in WAITING_WITH_CONSENT:
            _consent(participant, day0 - dt.timedelta(days=1), petugas)
    return sorted(enrollments, key=lambda e: e.participant.registration_number)


def _monthly_evaluation(enrollment: Enrollment, period: dt.date, **defaults) -> None:
    """A monthly evaluation that recommends carrying on (once per enrolment and month)."""
    Evaluation.objects.get_or_create(
        enrollment=enrollment,
        kind=Evaluation.Kind.MONTHLY,
        period=period,
        defaults={"recommendation": Evaluation.Recommendation.CONTINUE, **defaults},
    )


def _admitted_in_2026(n: int, day0: dt.date) -> dict:
    person = _person(n, year=2026)
    admission = day0 - dt.timedelta(days=60 + 5 * (n - 40))
    person.update(
        admission_date=admission,
        expected_release_date=admission + dt.timedelta(days=400 + 30 * (n % 7)),
    )
    return person


def _sessions(ctx: DemoContext, cohort: Cohort, day0: dt.date, zone: ZoneInfo) -> None:
    petugas, facilitator = ctx.users["petugas"], ctx.users["fasilitator"]
    # The curriculum in its library order, as the schedule generator proposes it.
    codes = [code for code, _title in CURRICULUM]
    modules = {m.code: m for m in Module.objects.filter(code__in=codes)}
    for number, (offset, code) in enumerate(zip(SESSION_OFFSETS, codes, strict=True), start=1):
        day = day0 + dt.timedelta(days=offset)
        session, created = _regular_session(cohort, modules[code], day, zone, keep_existing=True)
        if created:
            session.facilitators.set([facilitator])
        if offset >= 0:
            continue  # today's and later sessions are the users' work
        if not session.attendance_recorded:
            _record_attendance(session, 200 + number, petugas)
        if number <= NOTES_WRITTEN and not session.notes_written:
            _write_notes(session, 200 + number, facilitator)


def _evaluations(
    ctx: DemoContext, enrollments: list[Enrollment], day0: dt.date, zone: ZoneInfo
) -> None:
    facilitator, kepala = ctx.users["fasilitator"], ctx.users["kepala"]
    this_month = day0.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    earlier = dt.datetime.combine(day0 - dt.timedelta(days=20), dt.time(15), tzinfo=zone)
    recent = dt.datetime.combine(day0 - dt.timedelta(days=2), dt.time(15), tzinfo=zone)
    for i, enrollment in enumerate(enrollments):
        _monthly_evaluation(
            enrollment,
            last_month,
            **_scores(i),
            notes="Mengikuti awal program dengan tertib; mulai mengenali pemicunya.",
            author=facilitator,
            status=ReviewStatus.APPROVED,
            submitted_at=earlier,
            reviewed_at=earlier + dt.timedelta(days=2),
            reviewed_by=kepala,
        )
        if i >= SUBMITTED + DRAFTS:
            continue  # not written yet: the facilitator's to-do
        submitted = i < SUBMITTED
        _monthly_evaluation(
            enrollment,
            this_month,
            **_scores(i, exit_=True),
            notes="Lebih terbuka dalam diskusi kelompok; kehadiran konsisten.",
            author=facilitator,
            status=ReviewStatus.SUBMITTED if submitted else ReviewStatus.DRAFT,
            submitted_at=recent if submitted else None,
        )
