"""The rehab app's nightly clean-up steps (run by rutan.maintenance.cleanup_run)."""

import datetime as dt

from rehab.reports.jobs import report_jobs_remove_old
from rutan.maintenance import cleanup_step

# A rendered report PDF is for the download that asked for it; the page renders a fresh one.
REPORT_JOB_DAYS = 2


@cleanup_step(30, "report_files")
def old_report_files_remove() -> int:
    return report_jobs_remove_old(older_than=dt.timedelta(days=REPORT_JOB_DAYS))
