"""Celery tasks of the participants app: the two steps of an import."""

from celery import shared_task

from participants import import_jobs


@shared_task(name="participants.tasks.import_check")
def import_check(job_id: str) -> None:
    import_jobs.import_job_check(job_id=job_id)


@shared_task(name="participants.tasks.import_save")
def import_save(job_id: str, expect_create: int, expect_update: int) -> None:
    import_jobs.import_job_save(
        job_id=job_id, expect_create=expect_create, expect_update=expect_update
    )
