import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rutan.models import Facility, TimeStampedModel

EXPIRY_WARNING_DAYS = 60


class Agreement(TimeStampedModel):
    """A cooperation agreement (Perjanjian Kerja Sama, PKS) between a facility and a partner."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        ACTIVE = "active", _("Berlaku")
        EXPIRING = "expiring", _("Segera berakhir")
        EXPIRED = "expired", _("Berakhir")
        TERMINATED = "terminated", _("Diakhiri")

    facility = models.ForeignKey(
        Facility, verbose_name=_("UPT"), on_delete=models.PROTECT, related_name="agreements"
    )
    partner = models.ForeignKey(
        "rehab.Partner",
        verbose_name=_("mitra"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    facility_number = models.CharField(_("nomor PKS pihak UPT"), max_length=120)
    partner_number = models.CharField(_("nomor PKS pihak mitra"), max_length=120, blank=True)
    title = models.CharField(_("judul"), max_length=300)
    signed_place = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    signed_on = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    facility_signatory = models.CharField(_("penanda tangan UPT"), max_length=200, blank=True)
    facility_signatory_title = models.CharField(
        _("jabatan penanda tangan UPT"), max_length=200, blank=True
    )
    partner_signatory = models.CharField(_("penanda tangan mitra"), max_length=200, blank=True)
    partner_signatory_title = models.CharField(
        _("jabatan penanda tangan mitra"), max_length=200, blank=True
    )
    valid_from = models.DateField(_("berlaku sejak"))
    valid_until = models.DateField(_("berlaku sampai"))
    guarantees_integration = models.BooleanField(
        _("mitra menjadi penjamin program integrasi"), default=False
    )
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    purpose = models.TextField(_("maksud dan tujuan"), blank=True)
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    terminated_on = models.DateField(_("diakhiri pada"), null=True, blank=True)
    termination_reason = models.TextField(_("alasan pengakhiran"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="agreement_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["facility", "facility_number"], name="agreement_number_unique_per_facility"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility_number} — {self.partner}"

    def status_on(self, day: dt.date) -> str:
        """The status follows the dates, except for an explicit termination or a missing approval."""
        if self.terminated_on:
            return self.Status.TERMINATED
        if not self.approved_at:
            return self.Status.DRAFT
        if day > self.valid_until:
            return self.Status.EXPIRED
        if day < self.valid_from:
            return self.Status.DRAFT
        if (self.valid_until - day).days <= EXPIRY_WARNING_DAYS:
            return self.Status.EXPIRING
        return self.Status.ACTIVE
