"""Changes that touch several rows or models: scheduling, attendance, facilitator notes."""

import datetime as dt
import uuid
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history
from simple_history.utils import bulk_update_with_history

from participants.models import Participant
from rehab.models import Cohort
from rehab.models import Module
from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.models import User
from rutan.updates import bulk_save_with_history
from rutan.versioning import locked_version
from sessions import paper
from sessions.models import Attendance
from sessions.models import Observation
from sessions.models import Session
from sessions.models import SheetScan
from sessions.selectors import session_roster

# A weekly series longer than this is almost certainly a typo in the end date.
MAX_SERIES_SESSIONS = 60
# simple_history keeps change reasons in a 100-character column.
CHANGE_REASON_LENGTH = 100


class ScheduleError(ValueError):
    """The requested schedule cannot be made; the message is for the user."""


@dataclass(frozen=True)
class Clash:
    """An existing session overlapping a planned one: same cohort, or a shared facilitator."""

    session: Session
    same_cohort: bool
    facilitators: tuple[str, ...]

    def __str__(self) -> str:
        session = self.session
        start = timezone.localtime(session.starts_at, session.zone)
        end = timezone.localtime(session.ends_at, session.zone)
        where = _(
            "«%(session)s» (%(cohort)s, %(facility)s), %(day)s %(start)s–%(end)s %(zone)s"
        ) % {
            "session": session,
            "cohort": session.cohort.name,
            "facility": session.cohort.programme.facility.name,
            "day": date_format(start, "l, j F Y"),
            "start": date_format(start, "H:i"),
            "end": date_format(end, "H:i"),
            "zone": session.zone_label,
        }
        why = []
        if self.same_cohort:
            why.append(_("angkatan yang sama"))
        if self.facilitators:
            why.append(
                _("fasilitator %(names)s sudah bertugas di sana")
                % {"names": ", ".join(self.facilitators)}
            )
        return f"{where}: {'; '.join(str(w) for w in why)}"


class ScheduleClash(ScheduleError):
    """The planned times overlap sessions of the same cohort or of the same facilitators."""

    def __init__(self, clashes: list[Clash]):
        self.clashes = clashes
        super().__init__(
            _("Jadwal bentrok dengan %(n)s sesi lain: %(list)s.")
            % {"n": len(clashes), "list": "; ".join(str(c) for c in clashes)}
        )


@dataclass(frozen=True)
class PlannedTime:
    starts_at: dt.datetime
    ends_at: dt.datetime
    facilitator_ids: frozenset[int] = frozenset()


def session_clashes(
    *, cohort_id: int, planned: Sequence[PlannedTime], ignore: Iterable[int] = ()
) -> list[Clash]:
    """Sessions (not cancelled, not in `ignore`) overlapping a planned time, in one query.

    Two sessions overlap when each starts before the other ends; back to back is fine.
    """
    if not planned:
        return []
    facilitator_ids = set().union(*(p.facilitator_ids for p in planned))
    overlaps = Q()
    for item in planned:
        overlaps |= Q(starts_at__lt=item.ends_at, ends_at__gt=item.starts_at)
    candidates = (
        Session.objects.exclude(status=Session.Status.CANCELLED)
        .exclude(pk__in=list(ignore))
        .filter(overlaps)
        .filter(Q(cohort_id=cohort_id) | Q(facilitators__in=facilitator_ids))
        .select_related("cohort__programme__facility", "module")
        .prefetch_related("facilitators")
        .distinct()
        .order_by("starts_at")
    )
    clashes = []
    for session in candidates:
        same_cohort, shared = False, set()
        for item in planned:
            if not (item.starts_at < session.ends_at and session.starts_at < item.ends_at):
                continue
            same_cohort = same_cohort or session.cohort_id == cohort_id
            shared |= {u for u in session.facilitators.all() if u.pk in item.facilitator_ids}
        if same_cohort or shared:
            names = tuple(sorted(str(u) for u in shared))
            clashes.append(Clash(session, same_cohort, names))
    return clashes


def _refuse_clashes(
    *, cohort_id: int, planned: Sequence[PlannedTime], ignore=(), allow_overlap: bool, by: User
) -> None:
    """Raise ScheduleClash, unless the overlap was confirmed (then it is audited)."""
    clashes = session_clashes(cohort_id=cohort_id, planned=planned, ignore=ignore)
    if not clashes:
        return
    if not allow_overlap:
        raise ScheduleClash(clashes)
    for clash in clashes:
        audit_record(
            user=by,
            action=AuditAction.SESSION_CONFIRM_OVERLAP,
            obj=clash.session,
            facility_id=clash.session.cohort.programme.facility_id,
            detail=str(clash),
        )


def _local(day: dt.date, at: dt.time, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=ZoneInfo(zone))


def series_days(first_day: dt.date, last_day: dt.date, weekdays: Iterable[int]) -> list[dt.date]:
    """Every date from first_day to last_day falling on one of `weekdays` (Monday is 0)."""
    wanted = set(weekdays)
    days = []
    day = first_day
    while day <= last_day:
        if day.weekday() in wanted:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@transaction.atomic
def session_schedule(
    *,
    cohort: Cohort,
    days: Sequence[dt.date],
    start_time: dt.time,
    end_time: dt.time,
    module: Module | None,
    sequential_modules: bool = False,
    title: str = "",
    place: str = "",
    facilitators: Iterable[User] = (),
    allow_overlap: bool = False,
    by: User,
) -> list[Session]:
    """Plan one session per day, in the cohort facility's own time zone.

    Several days make a weekly series (one `series` id, for "this and following").
    With `sequential_modules` the sessions follow the curriculum from `module` on.
    Times overlapping a session of the same cohort or of one of the facilitators raise
    ScheduleClash, unless `allow_overlap` (the kepala confirmed it).
    """
    _check_schedule(days, start_time, end_time)
    zone = cohort.programme.facility.timezone
    modules = _modules_for_days(module, len(days), sequential=sequential_modules)
    facilitator_ids = frozenset(user.pk for user in facilitators)
    _refuse_clashes(
        cohort_id=cohort.pk,
        planned=[
            PlannedTime(_local(day, start_time, zone), _local(day, end_time, zone), facilitator_ids)
            for day in days
        ],
        allow_overlap=allow_overlap,
        by=by,
    )
    series = uuid.uuid4() if len(days) > 1 else None
    sessions = [
        Session(
            cohort=cohort,
            module=mod,
            title=title,
            starts_at=_local(day, start_time, zone),
            ends_at=_local(day, end_time, zone),
            place=place,
            series=series,
        )
        for day, mod in zip(days, modules, strict=True)
    ]
    sessions = bulk_create_with_history(sessions, Session, default_user=by)
    Through = Session.facilitators.through
    Through.objects.bulk_create(
        [Through(session_id=s.pk, user_id=uid) for s in sessions for uid in facilitator_ids]
    )
    return sessions


def _check_schedule(days: Sequence[dt.date], start_time: dt.time, end_time: dt.time) -> None:
    """Raise ScheduleError for no day, too many days, or an end not after the start."""
    if not days:
        raise ScheduleError(_("Tidak ada tanggal yang cocok dengan hari yang dipilih."))
    if len(days) > MAX_SERIES_SESSIONS:
        raise ScheduleError(
            _("Paling banyak %(n)s sesi sekali jadwal. Perpendek rentang tanggal.")
            % {"n": MAX_SERIES_SESSIONS}
        )
    if end_time <= start_time:
        raise ScheduleError(_("Jam selesai harus sesudah jam mulai."))


def _modules_for_days(
    module: Module | None, count: int, *, sequential: bool
) -> list[Module | None]:
    """The module of each of `count` sessions: the same one, or the curriculum from `module` on."""
    if not sequential or module is None:
        return [module] * count
    following = list(
        Module.objects.filter(is_active=True, order__gte=module.order)
        .exclude(pk=module.pk)
        .order_by("order", "code")
    )
    curriculum = [module, *following]
    return [curriculum[i] if i < len(curriculum) else None for i in range(count)]


@transaction.atomic
def session_catch_up_create(
    *,
    original: Session,
    day: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    participants: Iterable[Participant],
    place: str = "",
    facilitators: Iterable[User] = (),
    allow_overlap: bool = False,
    by: User,
) -> Session:
    """A sesi susulan of `original`'s module for the chosen participants only."""
    if end_time <= start_time:
        raise ScheduleError(_("Jam selesai harus sesudah jam mulai."))
    zone = original.zone_name
    facilitators = list(facilitators)
    _refuse_clashes(
        cohort_id=original.cohort_id,
        planned=[
            PlannedTime(
                _local(day, start_time, zone),
                _local(day, end_time, zone),
                frozenset(u.pk for u in facilitators),
            )
        ],
        allow_overlap=allow_overlap,
        by=by,
    )
    session = Session(
        cohort=original.cohort,
        module=original.module,
        title=original.title,
        kind=Session.Kind.CATCH_UP,
        catch_up_for=original,
        starts_at=_local(day, start_time, zone),
        ends_at=_local(day, end_time, zone),
        place=place,
    )
    session._history_user = by
    session.save()
    session.invited.set(list(participants))
    session.facilitators.set(facilitators)
    return session


@transaction.atomic
def session_reschedule(
    *,
    session: Session,
    day: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    following: bool = False,
    reason: str = "",
    allow_overlap: bool = False,
    by: User,
) -> list[Session]:
    """Move a planned session; with `following`, move the later planned ones of its series by
    the same amount and give them the same length."""
    if not session.is_planned:
        raise ScheduleError(_("Hanya sesi yang masih terjadwal yang dapat dijadwalkan ulang."))
    if end_time <= start_time:
        raise ScheduleError(_("Jam selesai harus sesudah jam mulai."))
    zone = session.zone_name
    new_start = _local(day, start_time, zone)
    new_end = _local(day, end_time, zone)
    shift = new_start - session.starts_at
    length = new_end - new_start
    moved = _sessions_to_move(session, following=following)
    by_session = _facilitator_ids_by_session(moved)
    _refuse_clashes(
        cohort_id=session.cohort_id,
        planned=[
            PlannedTime(
                item.starts_at + shift,
                item.starts_at + shift + length,
                frozenset(by_session.get(item.pk, ())),
            )
            for item in moved
        ],
        ignore=[item.pk for item in moved],
        allow_overlap=allow_overlap,
        by=by,
    )
    now = timezone.now()
    for item in moved:
        item.starts_at = item.starts_at + shift
        item.ends_at = item.starts_at + length
        item.updated_at = now
    bulk_update_with_history(
        moved,
        Session,
        ["starts_at", "ends_at", "updated_at"],
        default_user=by,
        default_change_reason=(reason or _("Jadwal ulang"))[:CHANGE_REASON_LENGTH],
    )
    return moved


def _sessions_to_move(session: Session, *, following: bool) -> list[Session]:
    """The session, and with `following` the later planned ones of its series, locked."""
    moved = [session]
    if following and session.series:
        moved += list(
            Session.objects.select_for_update()
            .filter(
                series=session.series,
                starts_at__gt=session.starts_at,
                status=Session.Status.PLANNED,
            )
            .order_by("starts_at")
        )
    return moved


def _facilitator_ids_by_session(sessions: Sequence[Session]) -> dict[int, set[int]]:
    """Facilitator user ids of each session, in one query."""
    facilitators = Session.facilitators.through.objects.filter(
        session_id__in=[item.pk for item in sessions]
    ).values_list("session_id", "user_id")
    by_session: dict[int, set[int]] = {}
    for session_id, user_id in facilitators:
        by_session.setdefault(session_id, set()).add(user_id)
    return by_session


def session_cancel(*, session: Session, reason: str, by: User) -> None:
    if not session.is_planned:
        raise ScheduleError(_("Hanya sesi yang masih terjadwal yang dapat dibatalkan."))
    session._history_user = by
    session._change_reason = reason[:CHANGE_REASON_LENGTH]
    session.cancel(reason=reason)


# Optimistic locking, shared by the attendance sheet and the facilitator notes: each form
# carries the version it was built from; rows saved by someone else since then are never
# overwritten silently.


@dataclass(frozen=True)
class ConflictRow:
    """A row someone else saved after the user opened the form, and what the user typed."""

    participant: Participant
    saved: Any
    mine: Any


@dataclass(frozen=True)
class ConflictField:
    """A whole-form field whose saved value differs from what the user typed."""

    label: str
    saved: str
    mine: str


class StaleSave(Exception):
    """The form changed since it was loaded, where the user typed otherwise; nothing was saved."""

    def __init__(self, rows: list[ConflictRow], version: int, fields: Sequence[ConflictField] = ()):
        super().__init__(f"{len(rows)} conflicting rows, {len(fields)} conflicting fields")
        self.rows = rows
        self.version = version
        self.fields = list(fields)


def _stale_rows(
    existing: dict[int, Any],
    wanted: dict[int, Any],
    version: int,
    *,
    row_version: Callable[[Any], int],
    saved_value: Callable[[Any], Any],
) -> list[ConflictRow]:
    """Rows saved after `version` for which the user typed something else, by name."""
    rows = [
        ConflictRow(row.participant, row, wanted[pid])
        for pid, row in existing.items()
        if row_version(row) > version and pid in wanted and saved_value(row) != wanted[pid]
    ]
    return sorted(rows, key=lambda c: c.participant.name)


def _rows_by_participant(model, session: Session) -> dict:
    """The session's saved rows of `model` (attendance, observations) by participant id."""
    rows = model.objects.filter(session=session).select_related("participant")
    return {row.participant_id: row for row in rows}


def _check_roster(session: Session, participant_ids, roster: set[int] | None = None) -> None:
    """Refuse entries for anyone not on the session's sheet (a forged or outdated form).
    `roster`: the sheet's participant ids when the caller read them (its form's); else read."""
    if roster is None:
        roster = set(session_roster(session).values_list("pk", flat=True))
    unknown = set(participant_ids) - roster
    if unknown:
        raise ValueError(f"participants not on the sheet: {sorted(unknown)}")


# Attendance


@dataclass(frozen=True)
class AttendanceEntry:
    status: str
    reason: str = ""


class AttendanceConflict(StaleSave):
    """The sheet changed since the form was loaded, on rows where the user typed otherwise."""


def _clean_entries(
    session: Session, entries: dict[int, AttendanceEntry], roster: set[int] | None = None
) -> dict[int, AttendanceEntry]:
    _check_roster(session, entries, roster)
    for entry in entries.values():
        if entry.status not in Attendance.Status.values:
            raise ValueError(f"unknown status {entry.status!r}")
        if entry.status in Attendance.REASON_REQUIRED and not entry.reason.strip():
            raise ValueError("a reason is required for excused, sick and court")
    # A reason belongs to its status: "Hadir: Demam" is never kept, whatever the form sent.
    return {
        pid: AttendanceEntry(entry.status, Attendance.reason_for(entry.status, entry.reason))
        for pid, entry in entries.items()
    }


@transaction.atomic
def attendance_record(
    *,
    session: Session,
    entries: dict[int, AttendanceEntry],
    version: int,
    by: User,
    change_reason: str = "",
    roster: set[int] | None = None,
) -> int:
    """Save a whole attendance sheet in one go; returns the sheet's new version.

    `version` is the sheet version the user's form was built from. Rows saved by someone
    else since then are never overwritten silently: if the user typed something different
    for them, AttendanceConflict lists them and nothing is saved. Saving the same input
    twice changes nothing. `roster`: the ids of the sheet's participants when the caller
    read them for its form (`session_roster`), so they are not read twice.
    """
    current = locked_version(session, "attendance_version")
    entries = _clean_entries(session, entries, roster)
    existing = _rows_by_participant(Attendance, session)
    if current != version:
        conflicts = _stale_rows(
            existing,
            entries,
            version,
            row_version=lambda row: row.sheet_version,
            saved_value=lambda row: AttendanceEntry(row.status, row.reason),
        )
        if conflicts:
            raise AttendanceConflict(conflicts, current)

    new_version = current + 1
    saved = bulk_save_with_history(
        Attendance,
        existing=existing,
        wanted={pid: {"status": e.status, "reason": e.reason} for pid, e in entries.items()},
        new=lambda pid: Attendance(session_id=session.pk, participant_id=pid),
        stamp={"recorded_by": by, "sheet_version": new_version, "updated_at": timezone.now()},
        by=by,
        reason=change_reason[:CHANGE_REASON_LENGTH] or None,
    )
    if not saved:
        return current

    _sheet_saved(session, new_version, by, change_reason)
    return new_version


def _sheet_saved(session: Session, version: int, by: User, change_reason: str) -> None:
    """The session takes the sheet's new version (and is held); a correction is audited."""
    session.attendance_version = version
    fields = ["attendance_version", "updated_at"]
    fields += session.mark_held()
    session._history_user = by
    session.save(update_fields=fields)
    if change_reason:
        audit_record(
            user=by,
            action=AuditAction.ATTENDANCE_CORRECT,
            obj=session,
            facility_id=session.cohort.programme.facility_id,
            detail=change_reason,
        )


# Facilitator notes


@dataclass(frozen=True)
class ObservationEntry:
    engagement: int
    remark: str = ""


class NotesConflict(StaleSave):
    """The notes changed since the form was loaded, where the user typed otherwise."""


class ObservationRefused(ValueError):
    """An engagement score or remark for someone recorded as not attending."""

    def __init__(self, participants: list[tuple[Participant, str]]):
        self.participants = participants
        names = ", ".join(f"{p.name} ({status})" for p, status in participants)
        super().__init__(
            _(
                "Nilai keterlibatan dan catatan hanya untuk peserta yang hadir. "
                "Tercatat tidak hadir: %(names)s. Kosongkan isian mereka."
            )
            % {"names": names}
        )


def _notes_fields(
    session: Session, module: Module | None, methods: list[str], summary: str, follow_ups: str
) -> list[ConflictField]:
    """The whole-form fields where the saved notes differ from what the user typed."""
    labels = dict(Session.Method.choices)
    pairs = [
        (
            _("Modul yang dibawakan"),
            str(session.module or "—"),
            str(module or "—"),
        ),
        (
            _("Metode"),
            ", ".join(str(labels[c]) for c in session.methods if c in labels) or "—",
            ", ".join(str(labels[c]) for c in methods) or "—",
        ),
        (_("Ringkasan pelaksanaan"), session.summary, summary),
        (_("Tindak lanjut"), session.follow_ups, follow_ups),
    ]
    return [ConflictField(str(label), saved, mine) for label, saved, mine in pairs if saved != mine]


def _clean_observations(
    session: Session, observations: dict[int, ObservationEntry | None]
) -> dict[int, ObservationEntry | None]:
    """Trimmed entries; refused (ObservationRefused) for anyone recorded as not attending."""
    _check_roster(session, observations)
    observations = {
        pid: ObservationEntry(entry.engagement, entry.remark.strip()) if entry else None
        for pid, entry in observations.items()
    }
    absent = (
        Attendance.objects.filter(
            session=session,
            participant__in=[pid for pid, entry in observations.items() if entry is not None],
        )
        .exclude(status__in=Attendance.ATTENDED)
        .select_related("participant")
        .order_by("participant__name")
    )
    refused = [(row.participant, row.get_status_display()) for row in absent]
    if refused:
        raise ObservationRefused(refused)
    return observations


@transaction.atomic
def session_notes_record(
    *,
    session: Session,
    module: Module | None,
    methods: Sequence[str],
    summary: str,
    follow_ups: str,
    observations: dict[int, ObservationEntry | None],
    version: int,
    by: User,
) -> int:
    """Save what the session covered and how each participant engaged; returns the new version.

    An observation entry of None removes an earlier observation of that participant. Only
    participants not recorded as absent get a score or remark (ObservationRefused).
    `version` is the notes version the form was built from: if someone saved since, and
    the user typed otherwise for what they saved, NotesConflict lists it and nothing is saved.
    """
    current = locked_version(session, "notes_version")
    observations = _clean_observations(session, observations)
    methods = [code for code in Session.Method.values if code in set(methods)]
    summary, follow_ups = summary.strip(), follow_ups.strip()

    existing = _rows_by_participant(Observation, session)
    if current != version:
        saved = Session.objects.select_related("module").get(pk=session.pk)
        fields = _notes_fields(saved, module, methods, summary, follow_ups)
        rows = _stale_rows(
            existing,
            observations,
            version,
            row_version=lambda row: row.notes_version,
            saved_value=lambda row: ObservationEntry(row.engagement, row.remark),
        )
        # Rows the other saver removed are gone from `existing`; nothing of theirs is lost there.
        if fields or rows:
            raise NotesConflict(rows, current, fields)

    new_version = current + 1
    notes = {"module": module, "methods": methods, "summary": summary, "follow_ups": follow_ups}
    stamp = {"notes_by": by, "notes_at": timezone.now(), "notes_version": new_version}
    for name, value in {**notes, **stamp}.items():
        setattr(session, name, value)
    session._history_user = by
    session.save(update_fields=[*notes, *stamp, "updated_at", *session.mark_held()])

    _observations_save(session, existing, observations, version=new_version, by=by)
    return new_version


def _observations_save(
    session: Session,
    existing: dict[int, Observation],
    observations: dict[int, ObservationEntry | None],
    *,
    version: int,
    by: User,
) -> None:
    """Remove the observations emptied, write the new and changed ones (with history)."""
    for pid, entry in observations.items():
        row = existing.get(pid)
        if entry is None and row is not None:
            row._history_user = by
            row.delete()
    bulk_save_with_history(
        Observation,
        existing=existing,
        wanted={
            pid: {"engagement": entry.engagement, "remark": entry.remark}
            for pid, entry in observations.items()
            if entry is not None
        },
        new=lambda pid: Observation(session=session, participant_id=pid),
        stamp={"author": by, "notes_version": version, "updated_at": timezone.now()},
        by=by,
    )


# Paper sheets read back (sessions/omr.py reads; this decides what a reading may change)

MAX_SCAN_BYTES = 25 * 1024 * 1024


class SheetRefused(ValueError):
    """An uploaded sheet that must not be used for this session; the message is for the user."""


def _pages_saved(session: Session) -> set[tuple[int, int]]:
    """(sheet version, participant) of every row already confirmed from a scan of this session."""
    saved = set()
    for version, readings in session.sheet_scans.filter(confirmed_at__isnull=False).values_list(
        "sheet_version", "readings"
    ):
        saved.update((version, reading["participant"]) for reading in readings)
    return saved


def _page_checker(session: Session, chunks: list[list[int]], seen: set[int]):
    """A rows_for for omr.read_page: refuses a page of another session, a changed roster or a
    forged code, a page given twice or already saved; else its number of rows.

    A page printed before the sheet's last save is read: saving page 1 of a printed sheet bumps
    the version, and pages 2..n of the same paper must still come in. Rows someone changed since
    the print are caught when the reading is confirmed (attendance_record's conflict check)."""
    saved = _pages_saved(session)

    def rows_for(code) -> int:
        if code.session_id != session.pk:
            raise SheetRefused(
                _(
                    "Lembar ini daftar hadir sesi lain, bukan sesi ini. Tidak ada yang disimpan: "
                    "unggah lembar yang dicetak untuk sesi ini."
                )
            )
        chunk = chunks[code.page - 1] if code.pages == len(chunks) else None
        if (
            chunk is None
            or code.version > session.attendance_version
            or not code.is_valid_for(chunk)
        ):
            raise SheetRefused(
                _(
                    "Lembar ini tidak cocok dengan daftar peserta sesi ini sekarang (peserta "
                    "berubah sejak dicetak, atau kodenya tidak sah). Tidak ada yang disimpan: "
                    "cetak ulang daftar hadir."
                )
            )
        if chunk and all((code.version, pid) in saved for pid in chunk):
            raise SheetRefused(
                _(
                    "Halaman %(n)s lembar ini sudah disimpan ke daftar hadir dari pindaian "
                    "sebelumnya. Tidak ada yang disimpan lagi."
                )
                % {"n": code.page}
            )
        if code.page in seen:
            raise SheetRefused(
                _("Halaman %(n)s terunggah dua kali. Unggah setiap halaman sekali saja.")
                % {"n": code.page}
            )
        seen.add(code.page)
        return len(chunk)

    return rows_for


def _changed_since(session: Session, pages, chunks: list[list[int]]) -> set[int]:
    """Participants on these read pages whose row was saved after their page was printed."""
    versions = dict(
        Attendance.objects.filter(session=session).values_list("participant_id", "sheet_version")
    )
    return {
        pid
        for page in pages
        for pid in chunks[page.code.page - 1]
        if versions.get(pid, 0) > page.code.version
    }


def _store_image(prefix: str, image) -> str:
    import cv2  # imported here: OpenCV loads in a second and only this path needs it

    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return default_storage.save(f"{prefix}-{uuid.uuid4().hex}.jpg", ContentFile(encoded.tobytes()))


def sheet_scan_create(*, session: Session, files: Sequence[UploadedFile], by: User) -> SheetScan:
    """Read photographed or scanned pages of this session's paper daftar hadir.

    Nothing is stored unless every page is this session's current sheet and readable:
    SheetRefused or omr.SheetUnreadable say why. The reading waits for a person to confirm
    (sheet_scan_confirm); the files are kept with the sheet.
    """
    # Imported here: omr loads OpenCV (about a second at start-up) and only this path needs it.
    from sessions import omr

    if sum(f.size or 0 for f in files) > MAX_SCAN_BYTES:
        raise SheetRefused(
            _("Berkas terlalu besar (lebih dari %(mb)s MB). Kirim foto yang lebih kecil.")
            % {"mb": MAX_SCAN_BYTES // (1024 * 1024)}
        )
    contents = [f.read() for f in files]
    images = [image for data in contents for image in omr.images_from_upload(data)]
    if len(images) > omr.MAX_PAGES:
        raise SheetRefused(_("Paling banyak %(n)s halaman sekali unggah.") % {"n": omr.MAX_PAGES})
    roster = list(session_roster(session).values_list("pk", flat=True))
    chunks = paper.page_chunks(roster)
    pages = _read_pages(images, _page_checker(session, chunks, set()))
    prefix = f"daftar-hadir/{session.pk}/"
    originals = _store_originals(prefix, files, contents)
    readings, stored = _scan_readings(session, prefix, pages, chunks)
    return SheetScan.objects.create(
        session=session,
        originals=originals,
        pages=stored,
        # The oldest print among the pages: conflicts are checked from there.
        sheet_version=min(page.code.version for page in pages),
        readings=readings,
        uploaded_by=by,
    )


def _read_pages(images: list, rows_for: Callable) -> list:
    """Each image read as a sheet page; an error names the image when there are several."""
    # Imported here: omr loads OpenCV (about a second at start-up) and only this path needs it.
    from sessions import omr

    pages = []
    for number, image in enumerate(images, start=1):
        try:
            pages.append(omr.read_page(image, rows_for))
        except (omr.SheetUnreadable, SheetRefused) as error:
            if len(images) == 1:
                raise
            raise type(error)(
                _("Gambar ke-%(n)s: %(error)s") % {"n": number, "error": error}
            ) from None
    return pages


def _store_originals(
    prefix: str, files: Sequence[UploadedFile], contents: list[bytes]
) -> list[str]:
    """Keep the uploaded files as they came; returns their storage names."""
    return [
        default_storage.save(
            f"{prefix}asli-{uuid.uuid4().hex}{Path(f.name or '').suffix.lower()[:6]}",
            ContentFile(data),
        )
        for f, data in zip(files, contents, strict=True)
    ]


def _scan_readings(
    session: Session, prefix: str, pages: list, chunks: list[list[int]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """One reading per row of the pages in page order, and the stored page images."""
    changed = _changed_since(session, pages, chunks)
    readings, stored = [], []
    for index, page in enumerate(sorted(pages, key=lambda p: p.code.page)):
        stored.append(_store_image(f"{prefix}halaman-{page.code.page}", page.image))
        chunk = chunks[page.code.page - 1]
        for row in page.rows:
            readings.append(
                {
                    "participant": chunk[row.row],
                    "page": index,
                    "row": row.row,
                    "status": row.status,
                    "confidence": row.confidence,
                    "unsure": row.unsure,
                    "scores": list(row.scores),
                    "changed": chunk[row.row] in changed,
                }
            )
    return readings, stored


@transaction.atomic
def sheet_scan_confirm(
    *,
    scan: SheetScan,
    entries: dict[int, AttendanceEntry],
    by: User,
    change_reason: str = "",
) -> int:
    """Save what a person confirmed from a read sheet, through attendance_record (history,
    conflict check against saves since the sheet was printed); returns the new version."""
    if scan.is_confirmed:
        raise SheetRefused(_("Pindaian ini sudah disimpan ke daftar hadir."))
    version = attendance_record(
        session=scan.session,
        entries=entries,
        version=scan.sheet_version,
        by=by,
        change_reason=change_reason,
    )
    scan.confirm(by=by)
    return version
