"""What sessions add to a participant's page (see participants.page_parts)."""

from django.db.models import Count

from participants.models import Participant
from participants.page_parts import page_part
from sessions.models import Attendance


@page_part(10)
def attendance_part(participant: Participant, user) -> dict:
    return {"attendance": attendance_summary(participant)}


def attendance_summary(participant: Participant) -> dict:
    """Counts per attendance status over every session the participant was expected at."""
    counts = dict(
        Attendance.objects.filter(participant=participant)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    total = sum(counts.values())
    came = sum(counts.get(status, 0) for status in Attendance.ATTENDED)
    return {
        "total": total,
        "rows": [(label, counts.get(code, 0)) for code, label in Attendance.Status.choices],
        "rate": round(100 * came / total) if total else None,
    }
