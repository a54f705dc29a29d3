"""The participants app's nightly clean-up steps (run by rutan.maintenance.cleanup_run)."""

import datetime as dt

from participants import importing
from participants.import_jobs import import_jobs_remove_old
from rutan.maintenance import cleanup_step

IMPORT_JOB_DAYS = 30


@cleanup_step(10, "abandoned_uploads")
def abandoned_uploads_remove() -> int:
    return importing.remove_stale()


@cleanup_step(20, "import_jobs")
def old_import_jobs_remove() -> int:
    return import_jobs_remove_old(older_than=dt.timedelta(days=IMPORT_JOB_DAYS))
