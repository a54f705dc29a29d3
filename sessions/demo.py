"""Demo scenario, sessions part: the 15 Balikpapan sessions of 5 Nov – 5 Dec 2025, all held
with attendance recorded (the programme closed after 15 sessions), facilitator notes for the
first eight; in Samarinda a session of the last two days still to record and a few upcoming.

Attendance is recorded for whatever enrolments exist in the cohort (none is fine).
"""

import datetime as dt
import random
import uuid
from zoneinfo import ZoneInfo

from django.utils import timezone

from rehab.models import Cohort
from rehab.models import Module
from rutan.demo import DemoContext
from rutan.models import User
from sessions.models import Attendance
from sessions.models import Session
from sessions.selectors import attendance_sheet
from sessions.selectors import session_roster
from sessions.services import AttendanceEntry
from sessions.services import ObservationEntry
from sessions.services import attendance_record
from sessions.services import session_catch_up_create
from sessions.services import session_notes_record

PLACE = "Aula Pembinaan Rutan Balikpapan"
FIRST_DAY, LAST_DAY = dt.date(2025, 11, 5), dt.date(2025, 12, 5)
# Wednesday, Thursday and Friday give exactly 15 sessions from 5 Nov to 5 Dec 2025.
WEEKDAYS = {2, 3, 4}
START, END = dt.time(9, 0), dt.time(11, 0)
# The press covered RHB-09 on Wednesday 19 November, the programme's 7th meeting, so the
# curriculum is delivered in this order.
MODULE_ORDER = [
    "RHB-01",
    "RHB-02",
    "RHB-03",
    "RHB-04",
    "RHB-05",
    "RHB-06",
    "RHB-09",
    "RHB-07",
    "RHB-08",
    "RHB-10",
    "RHB-11",
    "RHB-12",
    "RHB-13",
    "RHB-14",
    "RHB-15",
]
# Sessions with facilitator notes; the others wait on the facilitator's home page.
WITH_NOTES = {1, 2, 3, 4, 5, 6, 7, 8}
SERIES = uuid.uuid5(uuid.NAMESPACE_URL, "pulih-demo/balikpapan/angkatan-i-2025")

NOV_19_SUMMARY = (
    "Materi “10 Hal Berbahaya dalam Proses Recovery” membahas sepuluh faktor yang dapat "
    "mengancam keberhasilan pemulihan, mulai dari godaan lingkungan negatif, kurangnya kontrol "
    "emosi, hingga kebiasaan lama yang dapat memicu relapse. Materi disampaikan secara "
    "interaktif melalui diskusi kelompok, refleksi diri, serta contoh kasus nyata. Peserta "
    "diajak mengenali tanda-tanda awal yang berpotensi menimbulkan risiko, memahami pentingnya "
    "dukungan sosial, dan mengembangkan strategi untuk mempertahankan komitmen pemulihan. "
    "Peserta mengikuti kegiatan dengan antusias."
)
NOV_19_FOLLOW_UPS = (
    "Setiap peserta menuliskan tiga tanda bahaya pribadinya beserta strategi menghadapinya, "
    "untuk dibahas pada sesi pencegahan kekambuhan (RHB-10). Peserta yang tidak hadir "
    "mengikuti sesi susulan."
)
NOV_19_METHODS = [
    Session.Method.GROUP_DISCUSSION,
    Session.Method.SELF_REFLECTION,
    Session.Method.CASE_EXAMPLES,
]
OTHER_METHODS = [
    [Session.Method.LECTURE, Session.Method.GROUP_DISCUSSION],
    [Session.Method.LECTURE, Session.Method.SHARING],
    [Session.Method.GROUP_DISCUSSION, Session.Method.ROLE_PLAY],
    [Session.Method.VIDEO, Session.Method.SELF_REFLECTION],
]
REASONS = {
    Attendance.Status.SICK: ["Demam, istirahat di klinik rutan", "Sakit gigi, berobat ke klinik"],
    Attendance.Status.COURT: ["Sidang di PN Balikpapan", "Sidang tuntutan di PN Balikpapan"],
    Attendance.Status.EXCUSED: ["Kunjungan keluarga", "Dipanggil pemeriksaan penyidik"],
}
REMARKS = {
    5: "Aktif berbagi pengalaman dan membantu teman kelompok.",
    4: "Menyimak dan menjawab pertanyaan refleksi dengan jujur.",
    3: "Mengikuti dengan baik, perlu didorong untuk bicara.",
    2: "Tampak lelah; perlu pendampingan individual.",
}


def _status_for(rng: random.Random) -> Attendance.Status:
    roll = rng.random()
    if roll < 0.82:
        return Attendance.Status.PRESENT
    if roll < 0.87:
        return Attendance.Status.LATE
    if roll < 0.92:
        return Attendance.Status.COURT
    if roll < 0.95:
        return Attendance.Status.SICK
    if roll < 0.98:
        return Attendance.Status.EXCUSED
    return Attendance.Status.ABSENT


def _record_attendance(session: Session, number: int, petugas: User) -> None:
    entries = {}
    for participant in session_roster(session):
        # Seeded by session and person, so running the demo again changes nothing.
        rng = random.Random(f"{number}/{participant.registration_number}")  # noqa: S311
        status = _status_for(rng)
        reason = rng.choice(REASONS[status]) if status in REASONS else ""
        entries[participant.pk] = AttendanceEntry(status, reason)
    if entries:
        attendance_record(
            session=session, entries=entries, version=session.attendance_version, by=petugas
        )


def _write_notes(session: Session, number: int, facilitator: User) -> None:
    observations = {}
    for row in attendance_sheet(session):
        attended = row.attendance and row.attendance.status in Attendance.ATTENDED
        if not attended:
            observations[row.participant.pk] = None
            continue
        rng = random.Random(f"obs/{number}/{row.participant.registration_number}")  # noqa: S311
        engagement = rng.choice([3, 4, 4, 4, 5, 5] if number == 7 else [2, 3, 3, 4, 4, 5])
        remark = REMARKS.get(engagement, "") if rng.random() < 0.5 else ""
        observations[row.participant.pk] = ObservationEntry(engagement, remark)
    if number == 7:
        methods, summary, follow_ups = NOV_19_METHODS, NOV_19_SUMMARY, NOV_19_FOLLOW_UPS
    else:
        methods = OTHER_METHODS[number % len(OTHER_METHODS)]
        summary = (
            f"Materi {session.module.title} disampaikan sesuai rencana. Peserta mengikuti "
            "dengan tertib dan aktif bertanya."
        )
        follow_ups = ""
    session_notes_record(
        session=session,
        module=session.module,
        methods=methods,
        summary=summary,
        follow_ups=follow_ups,
        observations=observations,
        version=session.notes_version,
        by=facilitator,
    )
    # As if written right after the session, not on the day the demo was loaded.
    Session.objects.filter(pk=session.pk).update(notes_at=session.ends_at + dt.timedelta(hours=2))


def _regular_session(
    cohort: Cohort,
    module: Module,
    day: dt.date,
    zone: ZoneInfo,
    *,
    keep_existing: bool = False,
    **extra,
) -> tuple[Session, bool]:
    """The cohort's regular session of `module`, 09:00-11:00 in the hall on `day`: written
    again on every load, or with `keep_existing` only created when it is not there yet."""
    lookup = {"cohort": cohort, "module": module, "kind": Session.Kind.REGULAR}
    defaults = {
        "starts_at": dt.datetime.combine(day, START, tzinfo=zone),
        "ends_at": dt.datetime.combine(day, END, tzinfo=zone),
        "place": PLACE,
        **extra,
    }
    if keep_existing:
        return Session.objects.get_or_create(**lookup, defaults=defaults)
    return Session.objects.update_or_create(**lookup, defaults=defaults)


def _balikpapan(ctx: DemoContext) -> None:
    cohort: Cohort = ctx.extra["cohort"]
    petugas, facilitator = ctx.users["petugas"], ctx.users["fasilitator"]
    zone = ZoneInfo(cohort.programme.facility.timezone)
    modules = {m.code: m for m in Module.objects.filter(code__in=MODULE_ORDER)}
    days = [
        FIRST_DAY + dt.timedelta(days=i)
        for i in range((LAST_DAY - FIRST_DAY).days + 1)
        if (FIRST_DAY + dt.timedelta(days=i)).weekday() in WEEKDAYS
    ]
    today = timezone.localdate(timezone=zone)
    for number, (day, code) in enumerate(zip(days, MODULE_ORDER, strict=True), start=1):
        session, _created = _regular_session(cohort, modules[code], day, zone, series=SERIES)
        session.facilitators.set([facilitator])
        if day > today:
            continue
        _record_attendance(session, number, petugas)
        # Notes written before any participant was enrolled get their observations later.
        observed = session.observations.exists() or not session.attendance_recorded
        if number in WITH_NOTES and not (session.notes_written and observed):
            _write_notes(session, number, facilitator)
        if number == 7:
            _catch_up_for_nov_19(session, petugas, facilitator)


def _catch_up_for_nov_19(session: Session, petugas: User, facilitator: User) -> None:
    """Those who missed "10 Hal Berbahaya" get it again on Monday 24 November."""
    missed = [
        a.participant
        for a in session.attendances.select_related("participant")
        if a.status not in Attendance.ATTENDED
    ]
    if not missed or session.catch_ups.exists():
        return
    catch_up = session_catch_up_create(
        original=session,
        day=dt.date(2025, 11, 24),
        start_time=dt.time(13, 30),
        end_time=dt.time(15, 0),
        participants=missed,
        place="Ruang Konseling Rutan Balikpapan",
        facilitators=[facilitator],
        by=petugas,
    )
    entries = {p.pk: AttendanceEntry(Attendance.Status.PRESENT) for p in missed}
    attendance_record(session=catch_up, entries=entries, version=0, by=petugas)


def _samarinda(ctx: DemoContext) -> None:
    """The first session of the last two days, still to record, and the next ones from next
    week on, so the other facility and partner have a to-do and a calendar."""
    cohort: Cohort = ctx.extra["cohort_b"]
    zone = ZoneInfo(cohort.programme.facility.timezone)
    today = timezone.localdate(timezone=zone)
    # Yesterday, or the day before when yesterday was a Sunday.
    past = today - dt.timedelta(days=2 if (today - dt.timedelta(days=1)).weekday() == 6 else 1)
    monday = today + dt.timedelta(days=7 - today.weekday())
    days = [past] + [monday + dt.timedelta(days=offset) for offset in (1, 3, 8, 10)]  # Tue, Thu
    facilitators = list(cohort.facilitators.all())
    codes = ["RHB-01", "RHB-02", "RHB-03", "RHB-04", "RHB-05"]
    modules = {m.code: m for m in Module.objects.filter(code__in=codes)}
    for day, code in zip(days, codes, strict=True):
        existing = Session.objects.filter(
            cohort=cohort, module=modules[code], kind=Session.Kind.REGULAR
        ).first()
        if existing is not None and existing.attendance_version:
            continue  # recorded by someone trying the demo: leave it as they made it
        session, _created = Session.objects.update_or_create(
            cohort=cohort,
            module=modules[code],
            kind=Session.Kind.REGULAR,
            defaults={
                "starts_at": dt.datetime.combine(day, dt.time(14, 0), tzinfo=zone),
                "ends_at": dt.datetime.combine(day, dt.time(16, 0), tzinfo=zone),
                "place": "Ruang Pembinaan Rutan Samarinda",
                "status": Session.Status.PLANNED,
            },
        )
        session.facilitators.set(facilitators)


def seed(ctx: DemoContext) -> None:
    _balikpapan(ctx)
    _samarinda(ctx)
