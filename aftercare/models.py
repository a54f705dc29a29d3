"""After the programme: the handover of a leaving participant to a Bapas, and its follow-ups."""

import calendar
import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from rutan.model_parts import bounded_date
from rutan.model_parts import link
from rutan.model_parts import unique
from rutan.model_parts import user_link
from rutan.models import TrackedModel
from rutan.scoping import Scope
from rutan.scoping import ScopedQuerySet


class HandoverQuerySet(ScopedQuerySet):
    scope = Scope(facility="participant__facility", bapas="bapas_office")


class Handover(TrackedModel):
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

    participant = link("participants.Participant", _("warga binaan"), "handovers")
    bapas_office = link("rutan.BapasOffice", _("Bapas"), "handovers")
    reason = models.CharField(_("dasar keluar"), max_length=10, choices=Reason.choices)
    handed_over_on = models.DateField(_("tanggal serah terima"))
    recommendations = models.TextField(_("rekomendasi untuk Bapas"), blank=True)
    include_nik = models.BooleanField(_("sertakan NIK"), default=False)
    record = models.JSONField(_("berkas serah terima"), default=dict, editable=False)
    handed_over_by = user_link(_("diserahkan oleh"))

    objects = HandoverQuerySet.as_manager()
    # The packet names the person: retention scrubs it like free text (participants.retention).
    PERSONAL_JSON_FIELDS = ("record",)

    class Meta:
        verbose_name = verbose_name_plural = _("serah terima Bapas")
        ordering = ["-handed_over_on", "-id"]
        constraints = [
            unique(["participant", "bapas_office", "handed_over_on"], name="handover_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.bapas_office} ({self.handed_over_on})"

    def due_on(self, months: int) -> dt.date:
        """The day a follow-up `months` after the handover falls due (month ends clamp)."""
        start = self.handed_over_on
        month_index = start.month - 1 + months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


class FollowUp(TrackedModel):
    """One contact by the Bapas at 1, 3, 6 or 12 months after the handover."""

    class Milestone(models.IntegerChoices):
        M1 = 1, _("1 bulan")
        M3 = 3, _("3 bulan")
        M6 = 6, _("6 bulan")
        M12 = 12, _("12 bulan")

    class SubstanceUse(models.TextChoices):
        NONE = "none", _("Tidak memakai")
        USED = "used", _("Memakai lagi")
        UNKNOWN = "unknown", _("Tidak diketahui")

    class Activity(models.TextChoices):
        WORK = "work", _("Bekerja")
        SCHOOL = "school", _("Sekolah/pelatihan")
        NONE = "none", _("Tidak bekerja/sekolah")
        UNKNOWN = "unknown", _("Tidak diketahui")

    # What a contact that did not reach the person records: nothing is known.
    UNREACHED = {"substance_use": "unknown", "activity": "unknown", "rearrested": False}

    handover = link(Handover, _("serah terima"), "follow_ups")
    milestone = models.PositiveSmallIntegerField(_("tahap"), choices=Milestone.choices)
    contacted_on = models.DateField(_("tanggal kontak"))
    reached = models.BooleanField(_("berhasil dihubungi"))
    substance_use = models.CharField(
        _("pemakaian zat"), max_length=10, choices=SubstanceUse.choices, default="unknown"
    )
    activity = models.CharField(
        _("pekerjaan/sekolah"), max_length=10, choices=Activity.choices, default="unknown"
    )
    rearrested = models.BooleanField(_("ditangkap kembali"), default=False)
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = user_link(_("dicatat oleh"))

    class Meta:
        verbose_name = verbose_name_plural = _("kontak tindak lanjut")
        ordering = ["milestone"]
        constraints = [
            unique(["handover", "milestone"], name="follow_up_once_per_milestone"),
            # Not reached: nothing is known about use, work or re-arrest from this contact.
            models.CheckConstraint(
                condition=models.Q(reached=True)
                | models.Q(substance_use="unknown", activity="unknown", rearrested=False),
                name="follow_up_unreached_knows_nothing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.handover.participant}: {self.get_milestone_display()}"

    @property
    def abstinent(self) -> bool:
        return self.reached and self.substance_use == self.SubstanceUse.NONE


class PlannedTransfer(TrackedModel):
    """A decided transfer to another UPT: the person leaves the facility (and the programme) then.

    Release planning lists it beside releases and PB/CB/CMB decisions. Recording the transfer
    itself stays on the enrolment (Enrollment.transfer) once it has happened.
    """

    participant = link("participants.Participant", _("warga binaan"), "planned_transfers")
    destination = models.CharField(_("UPT tujuan"), max_length=200)
    expected_on = bounded_date(_("perkiraan tanggal pindah"))
    decision_number = models.CharField(_("nomor keputusan"), max_length=100, blank=True)
    recorded_by = user_link(_("dicatat oleh"))

    class Meta:
        verbose_name = verbose_name_plural = _("rencana pemindahan")
        ordering = ["expected_on", "id"]

    def __str__(self) -> str:
        return f"{self.participant} → {self.destination} ({self.expected_on})"
