"""Changes that touch several rows or models: scheduling, attendance, facilitator notes."""

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from participants.models import Participant
from rehab.models import Cohort, Module
from rutan.audit import AuditAction, audit_record
from rutan.models import User
from sessions.models import Attendance, Observation, Session
from sessions.selectors import session_roster

# A weekly series longer than this is almost certainly a typo in the end date.
MAX_SERIES_SESSIONS = 60
# simple_history keeps change reasons in a 100-character column.
CHANGE_REASON_LENGTH = 100


class ScheduleError(ValueError):
    """The requested schedule cannot be made; the message is for the user."""


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
    by: User,
) -> list[Session]:
    """Plan one session per day, in the cohort facility's own time zone.

    Several days make a weekly series (one `series` id, for "this and following").
    With `sequential_modules` the sessions follow the curriculum from `module` on.
    """
    if not days:
        raise ScheduleError(_("Tidak ada tanggal yang cocok dengan hari yang dipilih."))
    if len(days) > MAX_SERIES_SESSIONS:
        raise ScheduleError(
            _("Paling banyak %(n)s sesi sekali jadwal. Perpendek rentang tanggal.")
            % {"n": MAX_SERIES_SESSIONS}
        )
    if end_time <= start_time:
        raise ScheduleError(_("Jam selesai harus sesudah jam mulai."))
    zone = cohort.programme.facility.timezone
    modules: list[Module | None] = [module] * len(days)
    if sequential_modules and module is not None:
        following = list(
            Module.objects.filter(is_active=True, order__gte=module.order)
            .exclude(pk=module.pk)
            .order_by("order", "code")
        )
        curriculum = [module, *following]
        modules = [curriculum[i] if i < len(curriculum) else None for i in range(len(days))]
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
    facilitator_ids = [user.pk for user in facilitators]
    Through = Session.facilitators.through
    Through.objects.bulk_create(
        [Through(session_id=s.pk, user_id=uid) for s in sessions for uid in facilitator_ids]
    )
    return sessions


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
    by: User,
) -> Session:
    """A sesi susulan of `original`'s module for the chosen participants only."""
    if end_time <= start_time:
        raise ScheduleError(_("Jam selesai harus sesudah jam mulai."))
    zone = original.zone_name
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
    session.facilitators.set(list(facilitators))
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
    by: User,
) -> list[Session]:
    """Move a planned session; with `following`, move the later planned ones of its series by
    the same amount and give them the same length."""
    if session.status != Session.Status.PLANNED:
        raise ScheduleError(_("Hanya sesi yang masih terjadwal yang dapat dijadwalkan ulang."))
    if end_time <= start_time:
        raise ScheduleError(_("Jam selesai harus sesudah jam mulai."))
    zone = session.zone_name
    new_start = _local(day, start_time, zone)
    new_end = _local(day, end_time, zone)
    shift = new_start - session.starts_at
    length = new_end - new_start
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


def session_cancel(*, session: Session, reason: str, by: User) -> None:
    if session.status != Session.Status.PLANNED:
        raise ScheduleError(_("Hanya sesi yang masih terjadwal yang dapat dibatalkan."))
    session._history_user = by
    session._change_reason = reason[:CHANGE_REASON_LENGTH]
    session.cancel(reason=reason)


# Attendance


@dataclass(frozen=True)
class AttendanceEntry:
    status: str
    reason: str = ""


@dataclass(frozen=True)
class ConflictRow:
    """A row someone else saved after the user opened the sheet, and what the user typed."""

    participant: Participant
    saved: Attendance
    mine: AttendanceEntry


class AttendanceConflict(Exception):
    """The sheet changed since the form was loaded, on rows where the user typed otherwise."""

    def __init__(self, rows: list[ConflictRow], version: int):
        super().__init__(f"{len(rows)} conflicting rows")
        self.rows = rows
        self.version = version


@transaction.atomic
def attendance_record(
    *,
    session: Session,
    entries: dict[int, AttendanceEntry],
    version: int,
    by: User,
    change_reason: str = "",
) -> int:
    """Save a whole attendance sheet in one go; returns the sheet's new version.

    `version` is the sheet version the user's form was built from. Rows saved by someone
    else since then are never overwritten silently: if the user typed something different
    for them, AttendanceConflict lists them and nothing is saved. Saving the same input
    twice changes nothing.
    """
    # The row lock serialises two people saving the same sheet.
    locked = Session.objects.select_for_update().only("id", "attendance_version").get(pk=session.pk)
    roster = set(session_roster(session).values_list("pk", flat=True))
    unknown = set(entries) - roster
    if unknown:
        raise ValueError(f"participants not on the sheet: {sorted(unknown)}")
    for entry in entries.values():
        if entry.status not in Attendance.Status.values:
            raise ValueError(f"unknown status {entry.status!r}")
        if entry.status in Attendance.REASON_REQUIRED and not entry.reason.strip():
            raise ValueError("a reason is required for excused, sick and court")
    existing = {
        a.participant_id: a
        for a in Attendance.objects.filter(session=session).select_related("participant")
    }
    if locked.attendance_version != version:
        conflicts = [
            ConflictRow(row.participant, row, entries[pid])
            for pid, row in existing.items()
            if row.sheet_version > version
            and pid in entries
            and (row.status, row.reason) != (entries[pid].status, entries[pid].reason.strip())
        ]
        if conflicts:
            conflicts.sort(key=lambda c: c.participant.name)
            raise AttendanceConflict(conflicts, locked.attendance_version)

    new_version = locked.attendance_version + 1
    now = timezone.now()
    to_create, to_update = [], []
    for pid, entry in entries.items():
        reason = entry.reason.strip()
        row = existing.get(pid)
        if row is None:
            to_create.append(
                Attendance(
                    session_id=session.pk,
                    participant_id=pid,
                    status=entry.status,
                    reason=reason,
                    recorded_by=by,
                    sheet_version=new_version,
                )
            )
        elif (row.status, row.reason) != (entry.status, reason):
            row.status, row.reason = entry.status, reason
            row.recorded_by, row.sheet_version, row.updated_at = by, new_version, now
            to_update.append(row)
    if not to_create and not to_update:
        return locked.attendance_version

    reason_text = change_reason[:CHANGE_REASON_LENGTH] or None
    if to_create:
        bulk_create_with_history(
            to_create, Attendance, default_user=by, default_change_reason=reason_text
        )
    if to_update:
        bulk_update_with_history(
            to_update,
            Attendance,
            ["status", "reason", "recorded_by", "sheet_version", "updated_at"],
            default_user=by,
            default_change_reason=reason_text,
        )
    session.attendance_version = new_version
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
    return new_version


# Facilitator notes


@dataclass(frozen=True)
class ObservationEntry:
    engagement: int
    remark: str = ""


@transaction.atomic
def session_notes_record(
    *,
    session: Session,
    module: Module | None,
    methods: Sequence[str],
    summary: str,
    follow_ups: str,
    observations: dict[int, ObservationEntry | None],
    by: User,
) -> None:
    """Save what the session covered and how each participant engaged.

    An observation entry of None removes an earlier observation of that participant.
    """
    roster = set(session_roster(session).values_list("pk", flat=True))
    unknown = set(observations) - roster
    if unknown:
        raise ValueError(f"participants not on the sheet: {sorted(unknown)}")
    session.module = module
    session.methods = [code for code in Session.Method.values if code in set(methods)]
    session.summary = summary
    session.follow_ups = follow_ups
    session.notes_by = by
    session.notes_at = timezone.now()
    fields = ["module", "methods", "summary", "follow_ups", "notes_by", "notes_at", "updated_at"]
    fields += session.mark_held()
    session._history_user = by
    session.save(update_fields=fields)

    existing = {o.participant_id: o for o in Observation.objects.filter(session=session)}
    now = timezone.now()
    to_create, to_update = [], []
    for pid, entry in observations.items():
        row = existing.get(pid)
        if entry is None:
            if row is not None:
                row._history_user = by
                row.delete()
            continue
        remark = entry.remark.strip()
        if row is None:
            to_create.append(
                Observation(
                    session=session,
                    participant_id=pid,
                    engagement=entry.engagement,
                    remark=remark,
                    author=by,
                )
            )
        elif (row.engagement, row.remark) != (entry.engagement, remark):
            row.engagement, row.remark, row.author, row.updated_at = (
                entry.engagement,
                remark,
                by,
                now,
            )
            to_update.append(row)
    if to_create:
        bulk_create_with_history(to_create, Observation, default_user=by)
    if to_update:
        bulk_update_with_history(
            to_update,
            Observation,
            ["engagement", "remark", "author", "updated_at"],
            default_user=by,
        )
