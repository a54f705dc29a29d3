"""Notifications: the in-app inbox (a bell with a count) and e-mail through Django's SMTP backend.

Each notification is written once per person and key, so the daily reminders can run any number of
times. Texts are written in the recipient's language (NotificationPreference.language).
"""

import datetime as dt
import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _

from rutan.jobs import job_enqueue
from rutan.models import Notification
from rutan.models import NotificationKind
from rutan.models import NotificationPreference
from rutan.models import User
from rutan.registry import Registry

logger = logging.getLogger("pulih.notifications")


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
        from rutan import tasks  # here: rutan.tasks imports this module (circular)

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
                # One line: a line break in a stored name (a crafted POST, an admin paste)
                # would make Django refuse the header and the mail would never go out.
                "[Pulih] " + " ".join(notification.title.split()),
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


def facility_staff(facility_id: int, *roles: str):
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


# Each app keeps its reminders in its own reminders.py and registers them here; RutanConfig.ready
# discovers them, so the core app imports none of the apps above it.
daily_reminder: Registry[Callable[..., int]] = (
    Registry()
)  # remind(*, today) -> notifications written


def reminders_send(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily reminders; running them again the same day writes nothing new."""
    today = today or timezone.localdate()
    done = {name: remind(today=today) for name, remind in daily_reminder.items()}
    logger.info("reminders: %s", ", ".join(f"{key}={value}" for key, value in done.items()))
    return done
