from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rutan import dates
from rutan.models import Facility, TimeStampedModel


class Programme(TimeStampedModel):
    """A rehabilitation programme run at one facility with one partner."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("UPT"), on_delete=models.PROTECT, related_name="programmes"
    )
    partner = models.ForeignKey(
        "rehab.Partner",
        verbose_name=_("mitra"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    agreement = models.ForeignKey(
        "rehab.Agreement",
        verbose_name=_("perjanjian kerja sama"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
    )
    name = models.CharField(_("nama program"), max_length=200)
    start_date = models.DateField(_("tanggal mulai"), validators=[dates.validate_record_date])
    end_date = models.DateField(
        _("tanggal selesai"), null=True, blank=True, validators=[dates.validate_record_date]
    )
    description = models.TextField(_("uraian"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Module(TimeStampedModel):
    """One unit of the curriculum library (e.g. "10 Hal Berbahaya dalam Proses Recovery")."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    summary = models.TextField(_("ringkasan"), blank=True)
    objectives = models.TextField(_("tujuan pembelajaran"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durasi (menit)"), default=90)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("modul")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Cohort(TimeStampedModel):
    """An intake (angkatan) of participants going through a programme together."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(_("nama angkatan"), max_length=200)
    start_date = models.DateField(_("tanggal mulai"), validators=[dates.validate_record_date])
    end_date = models.DateField(_("tanggal selesai"), validators=[dates.validate_record_date])
    capacity = models.PositiveSmallIntegerField(_("kapasitas"), default=40)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fasilitator"),
        blank=True,
        related_name="cohorts_facilitated",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="cohort_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name
