"""Celery tasks of the participants app: the two steps of an import, and the nightly retention."""

from celery import shared_task

from participants import import_jobs
from participants import retention


@shared_task(name="participants.tasks.import_check")
def import_check(job_id: str) -> None:
    import_jobs.import_job_check(job_id=job_id)


@shared_task(name="participants.tasks.import_save")
def import_save(job_id: str, expect_create: int, expect_update: int) -> None:
    import_jobs.import_job_save(
        job_id=job_id, expect_create=expect_create, expect_update=expect_update
    )


@shared_task(name="participants.tasks.retention_run")
def retention_run() -> dict:
    """Anonymise participants past their facility's retention period (anonymise_expired)."""
    runs = retention.retention_run(dry_run=False)
    return {run.facility.code: run.anonymised for run in runs}
