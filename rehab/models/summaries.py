"""Figures kept by the summary job (rehab.reports.summary), read by the oversight pages.

Nobody edits these rows: `manage.py refresh_summaries` (and celery beat) recompute them from
the records, so the regional and national pages stay fast at ~500 facilities. Each page says
when the figures it shows were computed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rutan.model_parts import unique
from rutan.models import Facility


class SummaryMonth(models.Model):
    """A local month whose figures were computed for every facility, and when."""

    month = models.DateField(_("bulan"), unique=True, help_text=_("Hari pertama bulan."))
    refreshed_at = models.DateTimeField(_("diperbarui"))

    class Meta:
        verbose_name = verbose_name_plural = _("ringkasan bulanan")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class FacilityMonth(models.Model):
    """One facility's figures for one local month (the monthly report's definitions)."""

    summary = models.ForeignKey(SummaryMonth, on_delete=models.CASCADE, related_name="rows")
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="+")
    active = models.PositiveIntegerField(_("peserta aktif pada akhir bulan"), default=0)
    held = models.PositiveIntegerField(_("sesi terlaksana"), default=0)
    cancelled = models.PositiveIntegerField(_("sesi dibatalkan"), default=0)
    attended = models.PositiveIntegerField(_("kehadiran hadir"), default=0)
    recorded = models.PositiveIntegerField(_("kehadiran tercatat"), default=0)
    # rehab.reports.pp25.Counts of the people handled in the month.
    pp25 = models.JSONField(_("rekap PP 25/2011"), default=dict)

    class Meta:
        verbose_name = verbose_name_plural = _("ringkasan UPT per bulan")
        constraints = [unique(["summary", "facility"], name="facility_month_unique")]

    def __str__(self) -> str:
        return f"{self.facility_id} {self.summary}"


class FacilityActivity(models.Model):
    """When a facility last recorded anything (a session, an attendance row, a participant),
    and how many evaluations wait for its kepala."""

    facility = models.OneToOneField(
        Facility, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_activity = models.DateTimeField(_("aktivitas terakhir"), null=True, blank=True)
    evaluations_waiting = models.PositiveIntegerField(_("evaluasi menunggu"), default=0)
    refreshed_at = models.DateTimeField(_("diperbarui"))

    class Meta:
        verbose_name = verbose_name_plural = _("aktivitas UPT")

    def __str__(self) -> str:
        return f"{self.facility_id} {self.last_activity}"
