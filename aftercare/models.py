"""After the programme: the handover of a leaving participant to a Bapas, and its follow-ups."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rutan.models import TimeStampedModel


class Handover(TimeStampedModel):
    """A participant handed to a Bapas office when leaving, with the packet as it stood then.

    `record` is the structured packet (participation, ASSIST at entry and exit, evaluations,
    recommendations, guarantor) frozen at the handover: the Bapas reads this, never the live
    participant data, so it sees nothing from before the handover that the packet leaves out.
    """

    class Reason(models.TextChoices):
        RELEASE = "release", _("Bebas")
        PB = "pb", _("Pembebasan Bersyarat (PB)")
        CB = "cb", _("Cuti Bersyarat (CB)")
        CMB = "cmb", _("Cuti Menjelang Bebas (CMB)")

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("warga binaan"),
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    bapas_office = models.ForeignKey(
        "rutan.BapasOffice",
        verbose_name=_("Bapas"),
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    reason = models.CharField(_("dasar keluar"), max_length=10, choices=Reason.choices)
    handed_over_on = models.DateField(_("tanggal serah terima"))
    recommendations = models.TextField(_("rekomendasi untuk Bapas"), blank=True)
    include_nik = models.BooleanField(_("sertakan NIK"), default=False)
    record = models.JSONField(_("berkas serah terima"), default=dict, editable=False)
    handed_over_by = models.ForeignKey(
        "rutan.User", verbose_name=_("diserahkan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("serah terima Bapas")
        verbose_name_plural = _("serah terima Bapas")
        ordering = ["-handed_over_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "bapas_office", "handed_over_on"],
                name="handover_once_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.bapas_office} ({self.handed_over_on})"
