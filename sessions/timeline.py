"""Sessions on a participant's timeline: those missed and facilitators' observations."""

from django.utils.translation import gettext as _

from participants.models import Participant
from participants.timeline import TimelineEntry
from participants.timeline import timeline_source
from sessions.models import Attendance
from sessions.selectors import observations_for


@timeline_source(30)
def session_entries(participant: Participant, user) -> list[TimelineEntry]:
    """Sessions missed (with the reason) and facilitators' observations."""
    missed = (
        Attendance.objects.filter(participant=participant)
        .exclude(status__in=Attendance.ATTENDED)
        .select_related("session__module", "session__cohort__programme__facility")
    )
    entries = [
        TimelineEntry(
            on=attendance.session.local_date,
            kind="attendance",
            title=_("Tidak hadir (%(status)s): %(session)s")
            % {"status": attendance.get_status_display(), "session": attendance.session},
            detail=attendance.reason,
            tone="warning",
            at=attendance.session.starts_at,
        )
        for attendance in missed
    ]
    # Observations are for the partner and the kepala: petugas see none.
    observations = (
        observations_for(user)
        .filter(participant=participant)
        .select_related("session__module", "session__cohort__programme__facility", "author")
    )
    entries.extend(
        TimelineEntry(
            on=observation.session.local_date,
            kind="observation",
            title=_("Observasi %(session)s: keterlibatan %(score)s/5")
            % {"session": observation.session, "score": observation.engagement},
            detail=observation.remark,
            actor=str(observation.author),
            at=observation.created_at,
        )
        for observation in observations
    )
    return entries
