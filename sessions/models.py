from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rutan.models import TimeStampedModel


class Session(TimeStampedModel):
    """One meeting of a cohort, planned or delivered."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Terjadwal")
        HELD = "held", _("Terlaksana")
        CANCELLED = "cancelled", _("Dibatalkan")

    cohort = models.ForeignKey(
        "rehab.Cohort",
        verbose_name=_("angkatan"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    module = models.ForeignKey(
        "rehab.Module",
        verbose_name=_("modul"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    title = models.CharField(_("judul"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("mulai"), db_index=True)
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fasilitator"),
        blank=True,
        related_name="sessions_facilitated",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    # Facilitator's notes on what the session covered.
    methods = models.JSONField(_("metode"), default=list, blank=True)
    summary = models.TextField(_("ringkasan pelaksanaan"), blank=True)
    follow_ups = models.TextField(_("tindak lanjut"), blank=True)
    notes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("catatan ditulis oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes_at = models.DateTimeField(_("catatan ditulis pada"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title or (self.module.title if self.module_id else str(self.cohort))


class Attendance(TimeStampedModel):
    """Whether one participant came to one session."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Hadir")
        LATE = "late", _("Terlambat")
        EXCUSED = "excused", _("Izin")
        SICK = "sick", _("Sakit")
        COURT = "court", _("Sidang")
        ABSENT = "absent", _("Alpa")

    REASON_REQUIRED = frozenset({Status.EXCUSED, Status.SICK, Status.COURT})

    session = models.ForeignKey(
        Session, verbose_name=_("sesi"), on_delete=models.CASCADE, related_name="attendances"
    )
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("warga binaan"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    reason = models.CharField(_("keterangan"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_once_per_session"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["excused", "sick", "court"]) | ~Q(reason=""),
                name="attendance_reason_when_excused",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} — {self.participant}: {self.get_status_display()}"


class Observation(TimeStampedModel):
    """A facilitator's note on how one participant engaged in one session."""

    session = models.ForeignKey(
        Session, verbose_name=_("sesi"), on_delete=models.CASCADE, related_name="observations"
    )
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("warga binaan"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    engagement = models.PositiveSmallIntegerField(_("keterlibatan (1–5)"))
    remark = models.TextField(_("catatan"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditulis oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observasi")
        verbose_name_plural = _("observasi")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="observation_once_per_session"
            ),
            models.CheckConstraint(
                condition=Q(engagement__gte=1) & Q(engagement__lte=5),
                name="observation_engagement_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} — {self.participant}: {self.engagement}"
