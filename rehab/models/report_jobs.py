"""A PDF report rendered by a worker: the person waits on a progress page or comes back later."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rutan.models import BackgroundJob


class ReportJob(BackgroundJob):
    """One requested PDF (monthly report, PP 25/2011 recap, review-board dossier).

    The row carries what to render and for whom; the worker renders it under that person's
    scope and language and keeps the file in Django's storage, where any app server finds it.
    """

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("laporan bulanan")
        RECAP = "recap", _("rekap PP No. 25 Tahun 2011")
        DOSSIER = "dossier", _("berkas sidang TPP")

    class Status(models.TextChoices):
        RENDERING = "rendering", _("sedang dibuat")
        DONE = "done", _("siap diunduh")
        FAILED = "failed", _("gagal")

    RUNNING = (Status.RENDERING,)

    created_by = models.ForeignKey(
        "rutan.User", on_delete=models.CASCADE, related_name="report_jobs"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # What the renderer needs (facility code and month, recap scope and period, integration id).
    params = models.JSONField(default=dict)
    language = models.CharField(max_length=8)
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RENDERING)
    # The rendered file's name in the default storage.
    file = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = verbose_name_plural = _("pembuatan laporan")

    def __str__(self) -> str:
        return self.filename

    def mark_done(self, file: str) -> None:
        self.status, self.file, self.finished_at = self.Status.DONE, file, timezone.now()
        self.save(update_fields=["status", "file", "finished_at", "updated_at"])

    def mark_failed(self, message: str) -> None:
        self.status, self.message, self.finished_at = self.Status.FAILED, message, timezone.now()
        self.save(update_fields=["status", "message", "finished_at", "updated_at"])
