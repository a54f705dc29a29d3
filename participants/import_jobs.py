"""Imports as background jobs: check (the preview) and save (the commit) run in a worker.

The uploaded file waits in Django's storage; the job row carries the state and the preview, so
any app server (or a person coming back later) can show where an import stands.
"""

import datetime as dt
import logging
import time
from dataclasses import dataclass
from dataclasses import field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from participants import importing
from participants.models import ImportJob
from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.notifications import notify_import_finished

logger = logging.getLogger("pulih.jobs")

SAMPLE_ROWS = 100


@dataclass
class StoredRow:
    line: int
    registration_number: str = ""
    name: str = ""
    action: str = ""
    errors: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


@dataclass
class StoredPreview:
    """The preview as the template reads it, rebuilt from the job row."""

    error_rows: list[StoredRow]
    sample: list[StoredRow]
    ignored_columns: list[str]
    seconds: float

    @property
    def rows(self) -> list[StoredRow]:
        """The rows kept with the job: every wrong row and the first valid ones, by line."""
        return sorted([*self.error_rows, *self.sample], key=lambda row: row.line)


def _row_data(row: importing.RowResult, *, with_values: bool) -> dict:
    data = {
        "line": row.line,
        "registration_number": row.registration_number,
        "name": row.name,
        "action": row.action,
        "errors": [str(error) for error in row.errors],
    }
    if with_values:
        data["values"] = {
            key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in row.values.items()
            if isinstance(value, str | int | float | bool | dt.date) or value is None
        }
    return data


def _stored_row(data: dict) -> StoredRow:
    values = dict(data.get("values") or {})
    for key, value in values.items():
        if key.endswith("_date") and isinstance(value, str) and value:
            values[key] = dt.date.fromisoformat(value)
    return StoredRow(**{**data, "values": values})


def stored_preview(job: ImportJob) -> StoredPreview:
    result = job.result or {}
    return StoredPreview(
        error_rows=[_stored_row(row) for row in result.get("error_rows", [])],
        sample=[_stored_row(row) for row in result.get("sample", [])],
        ignored_columns=result.get("ignored_columns", []),
        seconds=result.get("seconds", 0),
    )


def _check(job: ImportJob) -> importing.Preview:
    path = importing.stored_path(job.token, job.extension)
    if path is None:
        raise importing.ImportFileError(
            _(
                "Berkas yang diunggah sudah tidak ada (mungkin sudah lebih dari sehari). Unggah lagi."
            )
        )
    return importing.check_rows(importing.read_table(path), job.facility)


def _preview_data(preview: importing.Preview, seconds: float) -> tuple[dict, dict]:
    valid = [row for row in preview.rows if not row.errors]
    result = {
        "error_rows": [_row_data(row, with_values=False) for row in preview.error_rows],
        "sample": [_row_data(row, with_values=True) for row in valid[:SAMPLE_ROWS]],
        "ignored_columns": [str(column) for column in preview.ignored_columns],
        "seconds": round(seconds, 2),
    }
    return preview.summary, result


def import_job_create(*, facility, user, token: str, extension: str, source_name: str) -> ImportJob:
    """A job for an upload already staged; its check is queued by the caller."""
    return ImportJob.objects.create(
        facility=facility,
        created_by=user,
        token=token,
        extension=extension,
        source_name=source_name[:200],
    )


def _checked(job: ImportJob) -> tuple[importing.Preview, dict, dict]:
    """The job's file read and checked: the preview, and its (summary, result) to keep; a
    refused file fails the job, is discarded, and its ImportFileError raised again."""
    started = time.perf_counter()
    try:
        preview = _check(job)
    except importing.ImportFileError as error:
        importing.discard(job.token, job.extension)
        job.mark_failed(str(error))
        raise
    return preview, *_preview_data(preview, time.perf_counter() - started)


def import_job_check(*, job_id) -> None:
    """Read and check every row of the job's file; keep the preview on the job."""
    job = ImportJob.objects.select_related("facility").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.CHECKING:
        return  # cancelled or already done: running a job twice changes nothing
    try:
        _preview, summary, result = _checked(job)
    except importing.ImportFileError as error:
        logger.info("import %s: refused (%s)", job.pk, error)
        return
    job.mark_checked(summary=summary, result=result)
    logger.info("import %s: checked %s rows in %.1f s", job.pk, summary["total"], result["seconds"])


def import_job_save(*, job_id, expect_create: int, expect_update: int) -> None:
    """Check again and write every row at once, unless the figures changed since the preview."""
    job = ImportJob.objects.select_related("facility", "created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.SAVING:
        return
    try:
        preview, summary, result = _checked(job)
    except importing.ImportFileError:
        return
    if (summary["create"], summary["update"]) != (expect_create, expect_update):
        job.mark_checked(summary=summary, result=result, changed=True)
        logger.info("import %s: data changed since the preview, not saved", job.pk)
        return
    try:
        written = importing.import_commit(
            preview=preview, facility=job.facility, user=job.created_by, source_name=job.source_name
        )
    except ValidationError as error:
        job.mark_checked(summary=summary, result=result)
        job.message = " ".join(error.messages)
        job.save(update_fields=["message", "updated_at"])
        return
    importing.discard(job.token, job.extension)
    written["unchanged"] = summary["unchanged"]
    audit_record(
        user=job.created_by,
        action=AuditAction.PARTICIPANT_IMPORT,
        obj=job.facility,
        facility_id=job.facility_id,
        detail=f"{job.source_name}: {written['create']} baru, {written['update']} diperbarui",
    )
    job.written = written
    notify_import_finished(job=job)
    job.mark_done(written=written)
    logger.info("import %s: saved %s new, %s updated", job.pk, written["create"], written["update"])


def import_job_cancel(*, job: ImportJob) -> None:
    importing.discard(job.token, job.extension)
    if job.status in (ImportJob.Status.CHECKING, ImportJob.Status.CHECKED):
        job.mark_cancelled()


def import_jobs_remove_old(*, older_than: dt.timedelta) -> int:
    """Jobs (and their leftover uploads) older than `older_than`; returns how many were deleted."""
    old = ImportJob.objects.filter(updated_at__lt=timezone.now() - older_than)
    for job in old:
        importing.discard(job.token, job.extension)
    count, _by_model = old.delete()
    return count
