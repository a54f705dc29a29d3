import datetime as dt
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import F
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rutan import dates
from rutan.dates import facility_date
from rutan.dates import facility_today
from rutan.model_parts import link
from rutan.model_parts import unique
from rutan.model_parts import user_link
from rutan.model_parts import user_links
from rutan.model_parts import value_between
from rutan.models import TimeStampedModel
from rutan.models import TrackedModel
from rutan.scoping import Scope
from rutan.scoping import ScopedQuerySet

# The short names Indonesians use for their three zones.
ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}

# How long after the session day petugas may still change a recorded sheet.
ATTENDANCE_EDIT_DAYS = 7


class SessionQuerySet(ScopedQuerySet):
    scope = Scope(facility="cohort__programme__facility", partner="cohort__programme__partner")


class Session(TrackedModel):
    """One meeting of a cohort, planned or delivered."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Terjadwal")
        HELD = "held", _("Terlaksana")
        CANCELLED = "cancelled", _("Dibatalkan")

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Sesi reguler")
        CATCH_UP = "catch_up", _("Sesi susulan")

    class Method(models.TextChoices):
        GROUP_DISCUSSION = "group_discussion", _("Diskusi kelompok")
        SELF_REFLECTION = "self_reflection", _("Refleksi diri")
        CASE_EXAMPLES = "case_examples", _("Contoh kasus nyata")
        LECTURE = "lecture", _("Ceramah/paparan materi")
        ROLE_PLAY = "role_play", _("Bermain peran")
        SHARING = "sharing", _("Berbagi pengalaman")
        VIDEO = "video", _("Pemutaran video")
        GAME = "game", _("Permainan/ice breaking")

    cohort = link("rehab.Cohort", _("angkatan"), "sessions")
    module = link("rehab.Module", _("modul"), "sessions", optional=True)
    title = models.CharField(_("judul"), max_length=200, blank=True)
    starts_at = models.DateTimeField(
        _("mulai"), db_index=True, validators=[dates.validate_record_date]
    )
    ends_at = models.DateTimeField(_("selesai"), validators=[dates.validate_record_date])
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    facilitators = user_links(_("fasilitator"), "sessions_facilitated")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    kind = models.CharField(
        _("jenis sesi"), max_length=10, choices=Kind.choices, default=Kind.REGULAR
    )
    # A catch-up session is held for chosen participants of the cohort only.
    catch_up_for = models.ForeignKey(
        "self",
        verbose_name=_("susulan untuk sesi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catch_ups",
    )
    invited = models.ManyToManyField(
        "participants.Participant",
        verbose_name=_("peserta sesi susulan"),
        blank=True,
        related_name="catch_up_sessions",
    )
    # Sessions scheduled together as a weekly series share this id ("this and following").
    series = models.UUIDField(_("seri"), null=True, blank=True, db_index=True)
    # Bumped on every save of the attendance sheet: a form carrying an older number is stale.
    attendance_version = models.PositiveIntegerField(_("versi daftar hadir"), default=0)
    # Bumped on every save of the facilitator notes (and observations), like attendance_version.
    notes_version = models.PositiveIntegerField(_("versi catatan"), default=0)
    # Facilitator's notes on what the session covered.
    methods = models.JSONField(_("metode"), default=list, blank=True)
    summary = models.TextField(_("ringkasan pelaksanaan"), blank=True)
    follow_ups = models.TextField(_("tindak lanjut"), blank=True)
    notes_by = user_link(_("catatan ditulis oleh"), optional=True)
    notes_at = models.DateTimeField(_("catatan ditulis pada"), null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("sesi")
        ordering = ["starts_at"]
        indexes = [
            # A facility's sessions are found through its cohorts: calendar, last held session.
            models.Index(fields=["cohort", "starts_at"], name="session_cohort_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="session_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title or (self.module.title if self.module_id else str(self.cohort))

    @property
    def zone_name(self) -> str:
        """The facility's zone: times are shown there, whoever looks (needs the cohort chain)."""
        return self.cohort.programme.facility.timezone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.zone_name)

    @property
    def zone_label(self) -> str:
        return ZONE_LABELS.get(self.zone_name, self.zone_name)

    @property
    def local_date(self) -> dt.date:
        return facility_date(self.starts_at, self.zone)

    @property
    def is_planned(self) -> bool:
        """Still to come: only such a session may be moved or cancelled."""
        return self.status == self.Status.PLANNED

    @property
    def is_catch_up(self) -> bool:
        return self.kind == self.Kind.CATCH_UP

    @property
    def attendance_recorded(self) -> bool:
        return self.attendance_version > 0

    @property
    def method_labels(self) -> list[str]:
        labels = dict(self.Method.choices)
        return [labels[code] for code in self.methods if code in labels]

    @property
    def notes_written(self) -> bool:
        return self.notes_at is not None

    def facility_today(self, now: dt.datetime | None = None) -> dt.date:
        """Today's date where the session takes place."""
        return facility_today(self.zone, now)

    def petugas_may_edit_until(self) -> dt.date:
        return self.local_date + dt.timedelta(days=ATTENDANCE_EDIT_DAYS)

    def cancel(self, *, reason: str) -> None:
        self.status = self.Status.CANCELLED
        self.cancel_reason = reason
        self.save(update_fields=["status", "cancel_reason", "updated_at"])

    def mark_held(self) -> list[str]:
        """A session with attendance or notes took place; returns the fields to save."""
        if not self.is_planned:
            return []
        self.status = self.Status.HELD
        return ["status"]


class Attendance(TrackedModel):
    """Whether one participant came to one session."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Hadir")
        LATE = "late", _("Terlambat")
        EXCUSED = "excused", _("Izin")
        SICK = "sick", _("Sakit")
        COURT = "court", _("Sidang")
        ABSENT = "absent", _("Alpa")

    REASON_REQUIRED = frozenset({Status.EXCUSED, Status.SICK, Status.COURT})
    # A reason explains an absence: alpa may carry one ("menolak hadir"); hadir and terlambat none.
    TAKES_REASON = REASON_REQUIRED | {Status.ABSENT}
    ATTENDED = frozenset({Status.PRESENT, Status.LATE})
    # The reasons petugas write most often, offered as choices beside free text.
    COMMON_REASONS = {
        Status.EXCUSED: [
            _("Kunjungan keluarga"),
            _("Panggilan petugas"),
            _("Kegiatan pembinaan lain"),
            _("Kerja di dapur/bimker"),
        ],
        Status.SICK: [
            _("Demam"),
            _("Sakit perut/diare"),
            _("Dirawat di klinik rutan"),
            _("Rujukan ke rumah sakit"),
        ],
        Status.COURT: [
            _("Sidang di pengadilan negeri"),
            _("Pemeriksaan di kejaksaan"),
            _("Pemeriksaan oleh penyidik"),
        ],
        Status.ABSENT: [
            _("Menolak hadir"),
            _("Tidak ditemukan di blok"),
            _("Dikenai hukuman disiplin"),
        ],
    }

    session = models.ForeignKey(
        Session, verbose_name=_("sesi"), on_delete=models.CASCADE, related_name="attendances"
    )
    participant = link("participants.Participant", _("warga binaan"), "attendances")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    reason = models.CharField(_("keterangan"), max_length=300, blank=True)
    recorded_by = user_link(_("dicatat oleh"))
    # The sheet version (Session.attendance_version) at which this row last changed.
    sheet_version = models.PositiveIntegerField(_("versi daftar hadir"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("kehadiran")
        constraints = [
            unique(["session", "participant"], name="attendance_once_per_session"),
            models.CheckConstraint(
                condition=~Q(status__in=["excused", "sick", "court"]) | ~Q(reason=""),
                name="attendance_reason_when_excused",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["excused", "sick", "court", "absent"]) | Q(reason=""),
                name="attendance_no_reason_when_attended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} — {self.participant}: {self.get_status_display()}"

    @classmethod
    def reason_for(cls, status: str, reason: str) -> str:
        """The reason kept with `status`: trimmed, and none for a status that takes none."""
        return reason.strip() if status in cls.TAKES_REASON else ""


class ObservationQuerySet(ScopedQuerySet):
    scope = Scope(
        facility="session__cohort__programme__facility",
        partner="session__cohort__programme__partner",
    )


class Observation(TrackedModel):
    """A facilitator's note on how one participant engaged in one session."""

    session = models.ForeignKey(
        Session, verbose_name=_("sesi"), on_delete=models.CASCADE, related_name="observations"
    )
    participant = link("participants.Participant", _("warga binaan"), "observations")
    engagement = models.PositiveSmallIntegerField(_("keterlibatan (1–5)"))
    remark = models.TextField(_("catatan"), blank=True)
    author = user_link(_("ditulis oleh"))
    # The notes version (Session.notes_version) at which this row last changed.
    notes_version = models.PositiveIntegerField(_("versi catatan"), default=0)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("observasi")
        constraints = [
            unique(["session", "participant"], name="observation_once_per_session"),
            value_between("engagement", 1, 5, name="observation_engagement_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.session} — {self.participant}: {self.engagement}"


class SheetScan(TimeStampedModel):
    """A photographed or scanned paper daftar hadir, read and waiting for (or given) a person's
    confirmation. The files stay with the sheet as evidence."""

    session = models.ForeignKey(
        Session, verbose_name=_("sesi"), on_delete=models.CASCADE, related_name="sheet_scans"
    )
    # Names in the default storage: the files as uploaded, and each page straightened.
    originals = models.JSONField(_("berkas asli"), default=list)
    pages = models.JSONField(_("halaman diluruskan"), default=list)
    # The sheet version printed on the paper (the oldest, when pages of several prints came).
    # Pages printed before a later save are read; rows changed since are conflicts on confirm.
    sheet_version = models.PositiveIntegerField(_("versi daftar hadir"))
    # One entry per participant read: participant, page, row, status, confidence, unsure, scores.
    readings = models.JSONField(_("hasil pembacaan"), default=list)
    uploaded_by = user_link(_("diunggah oleh"))
    confirmed_by = user_link(_("dikonfirmasi oleh"), optional=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("pindaian daftar hadir")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.session} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def confirm(self, *, by) -> None:
        self.confirmed_by = by
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
