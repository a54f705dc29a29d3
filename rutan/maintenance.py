"""Nightly clean-up: each step deletes only what has expired, so running it twice changes nothing."""

import datetime as dt
import logging
from collections.abc import Callable

from axes.models import AccessAttempt
from axes.models import AccessFailureLog
from axes.models import AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from rutan.registry import Registry

logger = logging.getLogger("pulih.jobs")

ACCESS_LOG_DAYS = 90

# Apps add their own clean-up steps (participants: abandoned uploads, old import jobs) from
# their cleanup.py, discovered by RutanConfig.ready: the core app imports none of them.
cleanup_step: Registry[Callable[[], int]] = Registry()  # step() -> rows or files removed


def cleanup_run() -> dict[str, int]:
    """Delete expired sessions, ended lockouts, old sign-in logs and abandoned uploads."""
    now = timezone.now()
    done = {
        "sessions": Session.objects.filter(expire_date__lt=now).delete()[0],
        # A lockout ends after the cool-off time: its attempt records have no use after that.
        "lockout_records": AccessAttempt.objects.filter(
            attempt_time__lt=now - settings.AXES_COOLOFF_TIME
        ).delete()[0],
        "sign_in_logs": AccessLog.objects.filter(
            attempt_time__lt=now - dt.timedelta(days=ACCESS_LOG_DAYS)
        ).delete()[0]
        + AccessFailureLog.objects.filter(
            attempt_time__lt=now - dt.timedelta(days=ACCESS_LOG_DAYS)
        ).delete()[0],
    }
    done.update((name, step()) for name, step in cleanup_step.items())
    logger.info("cleanup: %s", ", ".join(f"{key}={value}" for key, value in done.items()))
    return done
