"""Nightly clean-up: each step deletes only what has expired, so running it twice changes nothing."""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

logger = logging.getLogger("pulih.jobs")

ACCESS_LOG_DAYS = 90
IMPORT_JOB_DAYS = 30
# A rendered report PDF is for the download that asked for it; the page renders a fresh one.
REPORT_JOB_DAYS = 2


def cleanup_run() -> dict[str, int]:
    """Delete expired sessions, ended lockouts, old sign-in logs and abandoned uploads."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from participants import importing
    from participants.import_jobs import import_jobs_remove_old
    from rehab.reports.jobs import report_jobs_remove_old

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
        "abandoned_uploads": importing.remove_stale(),
        "import_jobs": import_jobs_remove_old(older_than=dt.timedelta(days=IMPORT_JOB_DAYS)),
        "report_files": report_jobs_remove_old(older_than=dt.timedelta(days=REPORT_JOB_DAYS)),
    }
    logger.info("cleanup: %s", ", ".join(f"{key}={value}" for key, value in done.items()))
    return done
