"""Notifications: the in-app inbox (a bell with a count) and e-mail through Django's SMTP backend.

Each notification is written once per person and key, so the daily reminders can run any number of
times. Texts are written in the recipient's language (NotificationPreference.language).
"""

import datetime as dt
import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rutan.models import Notification, NotificationKind, NotificationPreference, User
from rutan.roles import Role

logger = logging.getLogger("pulih.notifications")

AGREEMENT_WARNING_DAYS = (60, 30, 7)


def preference_for(user: User) -> NotificationPreference:
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user, email_kinds=list(NotificationKind.values))


def notification_create(
    *, user: User, kind: str, key: str, title, body="", link: str = ""
) -> Notification | None:
    """Write one notification (None when this person already has one with `key`) and queue its
    e-mail when they want this kind by e-mail. `title` and `body` are callables or lazy strings,
    evaluated in the recipient's language."""
    if Notification.objects.filter(user=user, key=key).exists():
        return None
    preference = preference_for(user)
    with translation.override(preference.language):
        title_text = str(title() if callable(title) else title)[:200]
        body_text = str(body() if callable(body) else body)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user, kind=kind, key=key[:120], title=title_text, body=body_text, link=link
            )
    except IntegrityError:
        return None  # written by a concurrent run
    if user.email and kind in preference.email_kinds:
        from rutan import tasks
        from rutan.jobs import job_enqueue

        job_enqueue(tasks.notification_email, notification.pk)
    return notification


def notification_email_send(*, notification_id: int) -> bool:
    """Send one notification by e-mail; True when the SMTP server took it."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at or not notification.user.email:
        return False
    preference = preference_for(notification.user)
    with translation.override(preference.language):
        link = f"{settings.SITE_URL}{notification.link}" if notification.link else ""
        footer = _("Pesan ini dikirim oleh Pulih. Atur notifikasi Anda di %(url)s.") % {
            "url": f"{settings.SITE_URL}{reverse('notifications')}"
        }
        text = "\n\n".join(part for part in (notification.body, link, footer) if part)
        try:
            send_mail(
                f"[Pulih] {notification.title}",
                text,
                settings.DEFAULT_FROM_EMAIL,
                [notification.user.email],
            )
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("e-mail for notification %s not sent: %s", notification.pk, error)
            raise
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def _facility_staff(facility_id: int, *roles: str):
    return User.objects.filter(
        is_active=True, facility_id=facility_id, groups__name__in=roles
    ).distinct()


# --- events ---------------------------------------------------------------------------------


def notify_import_finished(*, job) -> None:
    written = job.written

    def title():
        return _("Impor “%(name)s” selesai") % {"name": job.source_name}

    def body():
        return _(
            "%(create)s warga binaan baru, %(update)s diperbarui, %(unchanged)s tidak berubah."
        ) % {
            "create": written.get("create", 0),
            "update": written.get("update", 0),
            "unchanged": written.get("unchanged", 0),
        }

    notification_create(
        user=job.created_by,
        kind=NotificationKind.IMPORT_FINISHED,
        key=f"import:{job.pk}",
        title=title,
        body=body,
        link=reverse("participants:import_job", args=[job.pk]),
    )


def notify_evaluation_reviewed(*, evaluation, approved: bool) -> None:
    """Tell the author that the kepala approved or returned their evaluation."""
    author = getattr(evaluation, "author", None)
    if author is None:
        return
    link = ""
    if type(evaluation).__name__ == "Evaluation":
        link = reverse("rehab:evaluation_detail", args=[evaluation.pk])
    elif hasattr(evaluation, "pk"):
        try:
            link = reverse("rehab:programme_evaluation_detail", args=[evaluation.pk])
        except Exception:  # noqa: BLE001
            link = ""
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    comment = getattr(evaluation, "review_comment", "") or ""

    def title():
        if approved:
            return _("Evaluasi Anda disetujui: %(what)s") % {"what": evaluation}
        return _("Evaluasi Anda dikembalikan: %(what)s") % {"what": evaluation}

    def body():
        if approved:
            return _("Kepala rutan menyetujui evaluasi ini.") + (f"\n{comment}" if comment else "")
        return _("Kepala rutan mengembalikan evaluasi ini untuk diperbaiki.") + (
            f"\n{comment}" if comment else ""
        )

    notification_create(
        user=author,
        kind=NotificationKind.EVALUATION_APPROVED
        if approved
        else NotificationKind.EVALUATION_RETURNED,
        key=f"evaluation:{type(evaluation).__name__}:{evaluation.pk}:{stamp}",
        title=title,
        body=body,
        link=link,
    )


# --- daily reminders ------------------------------------------------------------------------


def remind_evaluations_due(*, today: dt.date) -> int:
    from rehab.selectors.evaluations import due_evaluation_count

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


def remind_agreements_expiring(*, today: dt.date) -> int:
    from rehab.models import Agreement

    sent = 0
    days_until = {today + dt.timedelta(days=days): days for days in AGREEMENT_WARNING_DAYS}
    agreements = (
        Agreement.objects.filter(valid_until__in=days_until)
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=today))
        .select_related("facility", "partner")
    )
    for agreement in agreements:
        days = days_until[agreement.valid_until]
        recipients = list(_facility_staff(agreement.facility_id, Role.KEPALA)) + list(
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


def remind_repeated_absence(*, today: dt.date) -> int:
    """Two consecutive 'alpa', or three in a calendar month, tell the facility's petugas and kepala."""
    from sessions.models import Attendance

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
        for user in _facility_staff(participant.facility_id, Role.PETUGAS, Role.KEPALA):
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


def remind_follow_ups_due(*, today: dt.date) -> int:
    """Each Bapas user hears once of each follow-up of their office that falls due (a week
    ahead, as their home lists it)."""
    from aftercare.selectors import follow_ups_due

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


def reminders_send(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily reminders; running them again the same day writes nothing new."""
    today = today or timezone.localdate()
    done = {
        "evaluations_due": remind_evaluations_due(today=today),
        "agreements_expiring": remind_agreements_expiring(today=today),
        "repeated_absence": remind_repeated_absence(today=today),
        "follow_ups_due": remind_follow_ups_due(today=today),
    }
    logger.info("reminders: %s", ", ".join(f"{key}={value}" for key, value in done.items()))
    return done
