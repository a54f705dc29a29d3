"""Daily reminders of the Bapas follow-ups (run by rutan.notifications.reminders_send)."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from aftercare.selectors import follow_ups_due
from rutan.models import NotificationKind
from rutan.models import User
from rutan.notifications import daily_reminder
from rutan.notifications import notification_create
from rutan.roles import Role


@daily_reminder(40, "follow_ups_due")
def remind_follow_ups_due(*, today: dt.date) -> int:
    """Each Bapas user hears once of each follow-up of their office that falls due (a week
    ahead, as their home lists it)."""
    sent = 0
    bapas_users = User.objects.filter(
        is_active=True, groups__name=Role.BAPAS, bapas_office__isnull=False
    ).distinct()
    for user in bapas_users:
        for due in follow_ups_due(user, today):
            number = due.handover.participant.registration_number
            created = notification_create(
                user=user,
                kind=NotificationKind.FOLLOW_UP_DUE,
                key=f"follow-up:{due.handover.pk}:{due.milestone}",
                # The registration number, not the name: e-mail travels outside the office.
                title=lambda due=due, number=number: _(
                    "Tindak lanjut %(milestone)s: warga binaan %(number)s"
                )
                % {"milestone": due.label, "number": number},
                body=lambda due=due: _(
                    "Kontak tindak lanjut jatuh tempo pada %(date)s. Catat hasilnya di Pulih."
                )
                % {"date": due.due_on.strftime("%d-%m-%Y")},
                link=reverse("aftercare:detail", args=[due.handover.pk]),
            )
            sent += created is not None
    return sent
