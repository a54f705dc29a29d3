"""Daily reminders about evaluations and agreements (run by rutan.notifications.reminders_send)."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from rehab.models import Agreement
from rehab.selectors.evaluations import due_evaluation_count
from rutan.models import NotificationKind
from rutan.models import User
from rutan.notifications import daily_reminder
from rutan.notifications import facility_staff
from rutan.notifications import notification_create
from rutan.roles import Role

AGREEMENT_WARNING_DAYS = (60, 30, 7)


@daily_reminder(10, "evaluations_due")
def remind_evaluations_due(*, today: dt.date) -> int:
    sent = 0
    for user in User.objects.filter(is_active=True, groups__name=Role.FASILITATOR).distinct():
        count = due_evaluation_count(user, today=today)
        if not count:
            continue
        created = notification_create(
            user=user,
            kind=NotificationKind.EVALUATION_DUE,
            key=f"evaluations-due:{today.isoformat()}",
            title=lambda count=count: _("%(count)s evaluasi jatuh tempo") % {"count": count},
            body=lambda: _(
                "Ada evaluasi peserta yang belum dibuat. Buka daftar evaluasi di Pulih."
            ),
            link=reverse("rehab:evaluation_list"),
        )
        sent += created is not None
    return sent


@daily_reminder(20, "agreements_expiring")
def remind_agreements_expiring(*, today: dt.date) -> int:
    sent = 0
    days_until = {today + dt.timedelta(days=days): days for days in AGREEMENT_WARNING_DAYS}
    agreements = (
        Agreement.objects.filter(valid_until__in=days_until)
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=today))
        .select_related("facility", "partner")
    )
    for agreement in agreements:
        days = days_until[agreement.valid_until]
        recipients = list(facility_staff(agreement.facility_id, Role.KEPALA)) + list(
            User.objects.filter(
                is_active=True, partner_id=agreement.partner_id, groups__name=Role.FASILITATOR
            ).distinct()
        )
        for user in recipients:
            created = notification_create(
                user=user,
                kind=NotificationKind.AGREEMENT_EXPIRING,
                key=f"agreement:{agreement.pk}:{agreement.valid_until.isoformat()}:{days}",
                title=lambda days=days, agreement=agreement: _(
                    "PKS berakhir dalam %(days)s hari: %(title)s"
                )
                % {"days": days, "title": agreement.title},
                body=lambda agreement=agreement: _(
                    "PKS dengan %(partner)s berlaku sampai %(date)s. Siapkan perpanjangannya."
                )
                % {
                    "partner": agreement.partner,
                    "date": agreement.valid_until.strftime("%d-%m-%Y"),
                },
                link=reverse("rehab:agreement_detail", args=[agreement.pk]),
            )
            sent += created is not None
    return sent
