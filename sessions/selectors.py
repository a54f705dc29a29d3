"""What the session, attendance and notes pages read, in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404

from participants.models import Consent
from participants.models import CourtHearing
from participants.models import Enrollment
from participants.models import Participant
from rehab.models import Programme
from rutan.dates import facility_today  # noqa: F401 (pages import it from here)
from rutan.models import Facility
from rutan.models import User
from sessions.models import Attendance
from sessions.models import Observation
from sessions.models import Session
from sessions.models import SheetScan
from sessions.permissions import can_see_observations

# Enrolment states that put a participant on a sheet, whenever they end.
_ON_ROSTER = [
    Enrollment.Status.ENROLLED,
    Enrollment.Status.ACTIVE,
    Enrollment.Status.COMPLETED,
]
_LEFT = [
    Enrollment.Status.DROPPED_OUT,
    Enrollment.Status.TRANSFERRED,
    Enrollment.Status.RELEASED,
]


def sessions_for(user: User) -> QuerySet[Session]:
    """Sessions the user may see, with what every page shows about them."""
    return Session.objects.select_related("cohort__programme__facility", "module").visible_to(user)


def _facilitators() -> Prefetch:
    """A session's facilitators, by name, as its pages list them."""
    return Prefetch("facilitators", queryset=User.objects.order_by("first_name", "last_name"))


def get_session_for(user: User, pk: int, *, facilitators: bool = True) -> Session:
    """One session in the user's scope, or 404; with its facilitators unless not wanted (a
    save that shows no page; `with_facilitators` reads them later if it does)."""
    sessions = Session.objects.select_related(
        "cohort__programme__facility", "cohort__programme__partner", "module", "notes_by"
    )
    if facilitators:
        sessions = sessions.prefetch_related(_facilitators())
    return sessions.get_visible(user, pk=pk)


def with_facilitators(session: Session) -> Session:
    """`session` with its facilitators read (by name), if they were not yet."""
    prefetch_related_objects([session], _facilitators())
    return session


def observations_for(user: User) -> QuerySet[Observation]:
    """Observations `user` may read: none for petugas, their partner's for a facilitator."""
    if not can_see_observations(user):
        return Observation.objects.none()
    return Observation.objects.visible_to(user)


def facilities_for(user: User) -> list[Facility]:
    """Facilities whose calendar the user may open: those in reach, and where a programme the
    user sees runs (a facilitator's partner's)."""
    running = Programme.objects.visible_to(user).values("facility")
    in_reach = Facility.objects.visible_to(user).values("pk")
    return list(Facility.objects.filter(Q(pk__in=in_reach) | Q(pk__in=running)).order_by("name"))


def calendar_sessions(
    user: User, facility: Facility, first_day: dt.date, last_day: dt.date
) -> list[Session]:
    """The facility's sessions from first_day to last_day inclusive, days in its own zone."""
    zone = ZoneInfo(facility.timezone)
    start = dt.datetime.combine(first_day, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return list(
        sessions_for(user)
        .filter(cohort__programme__facility=facility, starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at")
    )


def nearest_session(user: User, facility: Facility, around: dt.date) -> Session | None:
    """The next session after `around` in the facility, else the latest before it."""
    zone = ZoneInfo(facility.timezone)
    moment = dt.datetime.combine(around, dt.time.min, tzinfo=zone)
    sessions = sessions_for(user).filter(cohort__programme__facility=facility)
    return (
        sessions.filter(starts_at__gte=moment).order_by("starts_at").first()
        or sessions.filter(starts_at__lt=moment).order_by("-starts_at").first()
    )


SEARCH_LIMIT = 50


def session_search(user: User, facility: Facility, text: str) -> list[Session]:
    """The facility's sessions in the user's scope whose title, module code or module title
    holds `text`, newest first (at most SEARCH_LIMIT)."""
    text = text.strip()
    if not text:
        return []
    matches = Q(title__icontains=text) | Q(module__code__icontains=text)
    matches |= Q(module__title__icontains=text)
    return list(
        sessions_for(user)
        .filter(matches, cohort__programme__facility=facility)
        .order_by("-starts_at")[:SEARCH_LIMIT]
    )


def roster_filter(day: dt.date) -> Q:
    """Enrolments that put a participant on the sheet of a session held on `day`.

    People who left later stay on the sheets of sessions before they left.
    """
    started = Q(enrolled_on__isnull=True) | Q(enrolled_on__lte=day)
    staying = Q(status__in=_ON_ROSTER) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))
    left_later = Q(status__in=_LEFT, ended_on__gt=day)
    suspended_later = Q(status=Enrollment.Status.SUSPENDED, status_changed_on__gt=day)
    return started & (staying | left_later | suspended_later)


def session_roster(session: Session) -> QuerySet[Participant]:
    """Who belongs on this session's sheet; anyone already recorded stays on it."""
    recorded = Attendance.objects.filter(session=session, participant=OuterRef("pk"))
    if session.is_catch_up:
        expected = Session.invited.through.objects.filter(
            session_id=session.pk, participant=OuterRef("pk")
        )
    else:
        expected = Enrollment.objects.filter(
            roster_filter(session.local_date), cohort=session.cohort_id, participant=OuterRef("pk")
        )
    # Without an informed consent valid that day nobody is expected (participants.Consent).
    consented = Consent.objects.filter(participant=OuterRef("pk")).valid_on(session.local_date)
    # The facility filter lets PostgreSQL start from the facility's few hundred people
    # (an index scan) instead of testing every participant in the country.
    facility_id = session.cohort.programme.facility_id
    return Participant.objects.filter(
        (Exists(expected) & Exists(consented)) | Exists(recorded), facility_id=facility_id
    ).order_by("name", "registration_number")


@dataclass
class SheetRow:
    participant: Participant
    attendance: Attendance | None = None
    observation: Observation | None = None
    # A hearing that day: the sheet pre-fills "sidang" until something is recorded.
    hearing: CourtHearing | None = None


def attendance_sheet(session: Session, roster: list[Participant] | None = None) -> list[SheetRow]:
    """One row per participant on the sheet, with what is recorded so far. `roster`: the
    sheet's participants when the caller read them already (`session_roster`)."""
    attendances = {a.participant_id: a for a in session.attendances.select_related("recorded_by")}
    if roster is None:
        roster = list(session_roster(session))
    hearings = {
        h.participant_id: h
        for h in CourtHearing.objects.filter(
            hearing_date=session.local_date, participant__in=[p.pk for p in roster]
        )
    }
    return [SheetRow(p, attendances.get(p.pk), hearing=hearings.get(p.pk)) for p in roster]


def notes_sheet(session: Session) -> list[SheetRow]:
    """Rows for the facilitator: attendance (read) and observation (written) per participant."""
    attendances = {a.participant_id: a for a in session.attendances.all()}
    observations = {o.participant_id: o for o in session.observations.all()}
    return [
        SheetRow(p, attendances.get(p.pk), observations.get(p.pk)) for p in session_roster(session)
    ]


def attendance_counts(session: Session) -> list[tuple[str, str, int]]:
    """(code, label, how many) for each attendance status, in the sheet's order."""
    counts = dict(
        session.attendances.values_list("status").annotate(n=Count("id")).order_by("status")
    )
    return [(code, label, counts.get(code, 0)) for code, label in Attendance.Status.choices]


def attendance_history(session: Session) -> QuerySet:
    return (
        Attendance.history.filter(session_id=session.pk)
        .select_related("history_user", "participant")
        .order_by("-history_date", "-history_id")
    )


def get_sheet_scan_for(session: Session, pk: int) -> SheetScan:
    """A paper-sheet scan of this (already scoped) session, or 404."""
    return get_object_or_404(
        SheetScan.objects.select_related("uploaded_by"), session=session, pk=pk
    )


def sheet_scan_rows(scan: SheetScan) -> list[dict]:
    """The rows read from paper, with each participant and what is recorded for them now."""
    ids = [reading["participant"] for reading in scan.readings]
    people = Participant.objects.in_bulk(ids)
    recorded = {a.participant_id: a for a in scan.session.attendances.filter(participant__in=ids)}
    return [
        {
            **reading,
            "index": index,
            "participant": people[reading["participant"]],
            "attendance": recorded.get(reading["participant"]),
        }
        for index, reading in enumerate(scan.readings)
        if reading["participant"] in people
    ]
