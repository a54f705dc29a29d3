"""A daily reminder about participants absent again and again (see rutan.notifications)."""

import datetime as dt
from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext as _

from rutan.models import NotificationKind
from rutan.notifications import daily_reminder
from rutan.notifications import facility_staff
from rutan.notifications import notification_create
from rutan.roles import FACILITY_ROLES
from sessions.models import Attendance


@daily_reminder(30, "repeated_absence")
def remind_repeated_absence(*, today: dt.date) -> int:
    """Two consecutive 'alpa', or three in a calendar month, tell the facility's petugas and kepala."""
    since = today.replace(day=1) - dt.timedelta(days=31)
    rows = (
        Attendance.objects.filter(session__starts_at__date__gte=since)
        .select_related("participant", "session")
        .order_by("participant_id", "session__starts_at")
    )
    by_participant = defaultdict(list)
    for row in rows:
        by_participant[row.participant_id].append(row)
    sent = 0
    for rows in by_participant.values():
        participant = rows[-1].participant
        reason = None
        last = rows[-1]
        if len(rows) >= 2 and all(r.status == Attendance.Status.ABSENT for r in rows[-2:]):
            reason = "consecutive"
        month_absences = [
            r
            for r in rows
            if r.status == Attendance.Status.ABSENT
            and r.session.starts_at.date().replace(day=1)
            == last.session.starts_at.date().replace(day=1)
        ]
        if len(month_absences) >= 3:
            reason = reason or "month"
        if reason is None or last.status != Attendance.Status.ABSENT:
            continue
        for user in facility_staff(participant.facility_id, *FACILITY_ROLES):
            created = notification_create(
                user=user,
                kind=NotificationKind.REPEATED_ABSENCE,
                key=f"absence:{participant.pk}:{last.pk}",
                # The registration number, not the name: e-mail travels outside the facility.
                title=lambda participant=participant: _("Alpa berulang: warga binaan %(number)s")
                % {"number": participant.registration_number},
                body=lambda reason=reason: (
                    _("Tidak hadir tanpa keterangan (alpa) pada dua sesi berturut-turut.")
                    if reason == "consecutive"
                    else _("Tidak hadir tanpa keterangan (alpa) tiga kali dalam sebulan.")
                ),
                link=reverse("participants:detail", args=[participant.pk]),
            )
            sent += created is not None
    return sent
