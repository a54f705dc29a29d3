import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError
from django.db import models
from django.db import transaction
from django.db.models import Case
from django.db.models import Exists
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery
from django.db.models import Value
from django.db.models import When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from participants import assist
from participants.vocabularies import CODED_FIELDS
from participants.vocabularies import Diagnosis
from participants.vocabularies import Route
from participants.vocabularies import Substance
from participants.vocabularies import TreatmentHistory
from participants.vocabularies import duration_display
from rutan import dates
from rutan.model_parts import bounded_date
from rutan.model_parts import date_not_before
from rutan.model_parts import link
from rutan.model_parts import unique
from rutan.model_parts import user_link
from rutan.models import BackgroundJob
from rutan.models import Facility
from rutan.models import TimeStampedModel
from rutan.models import TrackedModel
from rutan.scoping import Scope
from rutan.scoping import ScopedQuerySet
from rutan.versioning import version_field

nik_validator = RegexValidator(r"^\d{16}$", _("NIK harus terdiri dari 16 angka."))


class RegisterType(models.TextChoices):
    """Registers of the Indonesian correctional system (A: detainees, B: convicts)."""

    A_I = "A.I", _("A.I — tahanan penyidik (kepolisian)")
    A_II = "A.II", _("A.II — tahanan penuntut umum (kejaksaan)")
    A_III = "A.III", _("A.III — tahanan pengadilan negeri")
    A_IV = "A.IV", _("A.IV — tahanan pengadilan tinggi")
    A_V = "A.V", _("A.V — tahanan Mahkamah Agung")
    B_I = "B.I", _("B.I — narapidana pidana lebih dari 1 tahun")
    B_IIA = "B.IIa", _("B.IIa — narapidana pidana 3–12 bulan")
    B_IIB = "B.IIb", _("B.IIb — narapidana pidana sampai 3 bulan")
    B_III = "B.III", _("B.III — pidana kurungan pengganti denda")

    @classmethod
    def is_detainee(cls, value: str) -> bool:
        return value.startswith("A.")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Rendah")
    MODERATE = "moderate", _("Sedang")
    HIGH = "high", _("Tinggi")


class RegisterFormatQuerySet(models.QuerySet):
    def as_map(self) -> dict[str, "RegisterFormat"]:
        """Every configured format by register type (one query, for a form or a whole import)."""
        return {item.register_type: item for item in self}


class RegisterFormat(TrackedModel):
    """How registration numbers of one register look (SDP), editable by the administrator.

    A register without a format accepts any number.
    """

    register_type = models.CharField(
        _("jenis register"), max_length=6, choices=RegisterType.choices, unique=True
    )
    pattern = models.CharField(
        _("pola (regular expression)"),
        max_length=200,
        help_text=_("Dicocokkan dengan seluruh nomor, mis. ^B\\.?I\\.\\d{1,6}/\\d{4}$."),
    )
    example = models.CharField(
        _("contoh nomor"), max_length=40, help_text=_("Ditampilkan pada pesan kesalahan.")
    )

    objects = RegisterFormatQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("format nomor registrasi")
        ordering = ["register_type"]

    def __str__(self) -> str:
        return f"{self.register_type}: {self.example}"

    def clean(self) -> None:
        try:
            compiled = re.compile(self.pattern)
        except re.error as error:
            raise ValidationError({"pattern": _("Pola tidak sah: %(error)s") % {"error": error}})
        if self.example and not compiled.fullmatch(self.example):
            raise ValidationError({"example": _("Contoh ini tidak cocok dengan polanya.")})

    def matches(self, number: str) -> bool:
        try:
            return re.fullmatch(self.pattern, number) is not None
        except re.error:  # a broken pattern saved outside the admin must not block registration
            return True

    def error_for(self, number: str) -> str | None:
        """The message for a number that does not follow this register's format, else None."""
        if self.matches(number):
            return None
        return _(
            "Nomor registrasi “%(number)s” tidak sesuai format register %(type)s; "
            "contoh yang benar: %(example)s."
        ) % {"number": number[:40], "type": self.register_type, "example": self.example}


def registration_number_error(
    register_type: str, number: str, formats: dict[str, RegisterFormat] | None = None
) -> str | None:
    """Why `number` cannot be a registration number on `register_type`, or None when it can."""
    if formats is None:
        formats = RegisterFormat.objects.filter(register_type=register_type).as_map()
    register_format = formats.get(register_type)
    return register_format.error_for(number) if register_format else None


class ParticipantQuerySet(ScopedQuerySet):
    scope = Scope(facility="facility")

    def search(self, text: str) -> "ParticipantQuerySet":
        """Name or registration number containing `text`, any case."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(registration_number__icontains=text))

    def with_summary(self) -> "ParticipantQuerySet":
        """Annotate the current enrolment (status, cohort); the latest risk is a field.

        The current enrolment is the active one if any, else the most recent: the one a
        petugas asks about ("is he in the programme now?").
        """
        current = (
            Enrollment.objects.filter(participant=OuterRef("pk"))
            .annotate(
                is_active=Case(
                    When(status=Enrollment.Status.ACTIVE, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("is_active", "-created_at", "-id")
        )
        return self.annotate(
            current_status=Subquery(current.values("status")[:1]),
            current_cohort=Subquery(current.values("cohort__name")[:1]),
        )

    def active_on(self, day: dt.date) -> "ParticipantQuerySet":
        """Participants with an enrolment active on `day` (Enrollment.objects.active_on)."""
        return self.filter(self.active_on_condition(day))

    @staticmethod
    def active_on_condition(day: dt.date) -> Q:
        """`active_on` as a condition, to be one FILTER of a count among others.

        Correlated (EXISTS per person) rather than `pk IN (…)`: the IN list was every active
        enrolment in the country, scanned for one facility's count."""
        return Q(Exists(Enrollment.objects.active_on(day).filter(participant=OuterRef("pk"))))

    def recap_to_review(self) -> "ParticipantQuerySet":
        """Participants whose old free-text recap values could not be mapped to a code."""
        return self.filter(self.recap_to_review_condition())

    @staticmethod
    def recap_to_review_condition() -> Q:
        return ~Q(recap_unmapped={})


class Participant(TimeStampedModel):
    """A warga binaan registered at one facility."""

    class Sex(models.TextChoices):
        MALE = "M", _("Laki-laki")
        FEMALE = "F", _("Perempuan")

    class Education(models.TextChoices):
        NONE = "none", _("Tidak sekolah")
        SD = "sd", _("SD/sederajat")
        SMP = "smp", _("SMP/sederajat")
        SMA = "sma", _("SMA/SMK/sederajat")
        DIPLOMA = "diploma", _("Diploma")
        S1 = "s1", _("S1")
        S2 = "s2", _("S2 ke atas")

    class Religion(models.TextChoices):
        ISLAM = "islam", _("Islam")
        PROTESTANT = "protestan", _("Kristen Protestan")
        CATHOLIC = "katolik", _("Katolik")
        HINDU = "hindu", _("Hindu")
        BUDDHA = "buddha", _("Buddha")
        KONGHUCU = "konghucu", _("Konghucu")
        OTHER = "lainnya", _("Kepercayaan lain")

    facility = link(Facility, _("UPT"), "participants")
    register_type = models.CharField(
        _("jenis register"), max_length=6, choices=RegisterType.choices
    )
    registration_number = models.CharField(_("nomor registrasi"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    nik = models.CharField(
        _("NIK"), max_length=16, blank=True, validators=[nik_validator], db_index=True
    )
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    birth_date = bounded_date(_("tanggal lahir"), dates.validate_birth_date, optional=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    case_article = models.CharField(_("pasal perkara"), max_length=200, blank=True)
    admission_date = bounded_date(_("tanggal masuk"), dates.validate_custody_date)
    expected_release_date = bounded_date(
        _("perkiraan tanggal bebas"), dates.validate_release_date, optional=True
    )
    cell_block = models.CharField(_("blok hunian"), max_length=40, blank=True)
    education = models.CharField(
        _("pendidikan terakhir"), max_length=10, choices=Education.choices, blank=True
    )
    religion = models.CharField(_("agama"), max_length=10, choices=Religion.choices, blank=True)
    # PP 25/2011 Pasal 18 recap, coded (participants/vocabularies.py): reports group by code.
    # The columns keep their old widths: the history table still holds the free text of before.
    primary_substance = models.CharField(
        _("zat utama yang digunakan"), max_length=100, blank=True, choices=Substance.choices
    )
    use_duration_months = models.PositiveSmallIntegerField(
        _("lama pemakaian (bulan)"), null=True, blank=True
    )
    use_route = models.CharField(_("cara pakai"), max_length=100, blank=True, choices=Route.choices)
    diagnosis = models.CharField(
        _("diagnosis (ICD-10)"), max_length=200, blank=True, choices=Diagnosis.choices
    )
    treatment_history = models.TextField(
        _("riwayat terapi/rehabilitasi"), blank=True, choices=TreatmentHistory.choices
    )
    treatment_history_detail = models.TextField(
        _("keterangan riwayat terapi/rehabilitasi"), blank=True
    )
    # {field: the free text of before} for values the move to codes could not map: to review.
    recap_unmapped = models.JSONField(
        _("isian lama yang perlu ditinjau"), default=dict, blank=True, editable=False
    )
    substance_history = models.TextField(_("riwayat penggunaan zat"), blank=True)
    # The highest risk of the latest screening, kept here by refresh_latest_risk() so lists,
    # filters and counts read a column instead of a subquery per person.
    latest_risk = models.CharField(
        _("risiko skrining terakhir"),
        max_length=10,
        choices=RiskLevel.choices,
        blank=True,
        editable=False,
    )
    version = version_field()
    # Set by the retention job (participants/retention.py): identity removed, counts kept.
    anonymised_on = models.DateField(_("dianonimkan pada"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["latest_risk"])

    objects = ParticipantQuerySet.as_manager()

    # Shown only to facility staff, only after an explicit, audited "show" (see views.reveal).
    SENSITIVE_FIELDS = (
        "nik",
        "case_article",
        "primary_substance",
        "use_duration_months",
        "use_route",
        "diagnosis",
        "treatment_history",
        "treatment_history_detail",
        "substance_history",
    )

    class Meta:
        verbose_name = verbose_name_plural = _("warga binaan")
        ordering = ["name"]
        indexes = [
            # The facility's list in name order, its cell blocks and its risk counts.
            models.Index(fields=["facility", "name", "id"], name="participant_facility_name_idx"),
            models.Index(fields=["facility", "cell_block"], name="participant_facility_block_idx"),
            models.Index(fields=["facility", "latest_risk"], name="participant_facility_risk_idx"),
            # The admin's national list, first page in name order.
            models.Index(fields=["name", "id"], name="participant_name_idx"),
        ]
        constraints = [
            unique(
                ["facility", "registration_number"],
                name="participant_regno_unique_per_facility",
                message=_("Nomor registrasi ini sudah terdaftar di UPT ini."),
            ),
            date_not_before(
                "expected_release_date",
                "admission_date",
                name="participant_release_after_admission",
                optional=True,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.registration_number})"

    def refresh_latest_risk(self) -> None:
        """Copy the latest screening's highest risk onto the participant (after a screening)."""
        latest = self.screenings.order_by("-screened_on", "-id").values("highest_risk").first()
        self.latest_risk = latest["highest_risk"] if latest else ""
        # A derived column: an update, not a save, so the register's history shows no edit.
        Participant.objects.filter(pk=self.pk).update(latest_risk=self.latest_risk)

    def recap_reviewed(self, fields=CODED_FIELDS) -> bool:
        """Drop the old free text of `fields` from the review list (not saved); True if any."""
        kept = {k: v for k, v in (self.recap_unmapped or {}).items() if k not in fields}
        changed = kept != (self.recap_unmapped or {})
        self.recap_unmapped = kept
        return changed

    @property
    def use_duration_display(self) -> str:
        return duration_display(self.use_duration_months)

    @property
    def is_detainee(self) -> bool:
        return RegisterType.is_detainee(self.register_type)

    @property
    def legal_status(self) -> str:
        """Tahanan (A registers) or narapidana (B registers): follows the register."""
        return _("Tahanan") if self.is_detainee else _("Narapidana")


class RegisterChange(TrackedModel):
    """A move from one register to another (e.g. A.III to B.I after sentencing), kept as history."""

    participant = link(Participant, _("warga binaan"), "register_changes")
    changed_on = bounded_date(_("tanggal perubahan"), dates.validate_custody_date)
    from_type = models.CharField(_("register lama"), max_length=6, choices=RegisterType.choices)
    to_type = models.CharField(_("register baru"), max_length=6, choices=RegisterType.choices)
    from_number = models.CharField(_("nomor registrasi lama"), max_length=40)
    to_number = models.CharField(_("nomor registrasi baru"), max_length=40)
    reason = models.TextField(_("alasan/dasar perubahan"), blank=True)
    recorded_by = user_link(_("dicatat oleh"))

    class Meta:
        verbose_name = verbose_name_plural = _("perubahan register")
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.participant}: {self.from_type} → {self.to_type} ({self.changed_on})"


class CourtHearingQuerySet(models.QuerySet):
    def between(self, first: dt.date, last: dt.date) -> "CourtHearingQuerySet":
        """Hearings from `first` to `last` inclusive, earliest first."""
        return self.filter(hearing_date__range=(first, last)).order_by(
            "hearing_date", "participant__name", "id"
        )


class CourtHearing(TrackedModel):
    """A hearing (sidang) a participant leaves the facility for: expected absent that day."""

    participant = link(Participant, _("warga binaan"), "court_hearings")
    hearing_date = models.DateField(_("tanggal sidang"))
    court = models.CharField(_("pengadilan/instansi"), max_length=200)
    agenda = models.CharField(_("agenda sidang"), max_length=300, blank=True)
    recorded_by = user_link(_("dicatat oleh"))

    objects = CourtHearingQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("jadwal sidang")
        ordering = ["-hearing_date", "-id"]
        constraints = [
            unique(
                ["participant", "hearing_date"],
                name="court_hearing_once_per_day",
                message=_("Sidang pada tanggal ini sudah tercatat."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.court} ({self.hearing_date})"

    @property
    def attendance_reason(self) -> str:
        """The keterangan pre-filled on the attendance sheet of a session that day."""
        text = _("Sidang di %(court)s") % {"court": self.court}
        return f"{text}: {self.agenda}"[:300] if self.agenda else text[:300]


class TransitionRefused(ValidationError):
    """An enrolment status change that the lifecycle or the rules do not allow."""


class EnrollmentQuerySet(ScopedQuerySet):
    """The one definition of "active" that every screen, report and export counts with."""

    # The participant's facility (a cohort is always of it: services.enrollment_create); the
    # partner delivering the cohort, whose facilitators evaluate its participants.
    scope = Scope(facility="participant__facility", partner="cohort__programme__partner")

    def _took_part(self) -> "EnrollmentQuerySet":
        """Enrolments that were ever activated (a terdaftar enrolment never was)."""
        status = Enrollment.Status
        return self.filter(
            Q(activated_on__isnull=False)
            | Q(status__in=[status.ACTIVE, status.SUSPENDED, status.COMPLETED])
        ).exclude(status__in=[status.SCREENED, status.ENROLLED])

    @staticmethod
    def _not_ended_by(day: dt.date, *, inclusive: bool) -> Q:
        """Still running on `day` (or ending that very day when `inclusive`).

        An ended enrolment without ended_on ends on its last status change; with neither
        date it cannot be placed in time and counts nowhere.
        """
        status = Enrollment.Status
        after = "gte" if inclusive else "gt"
        running = [status.ACTIVE, status.SUSPENDED]
        return (
            Q(**{f"ended_on__{after}": day})
            | Q(ended_on__isnull=True, status__in=running)
            | Q(ended_on__isnull=True, **{f"status_changed_on__{after}": day})
            & ~Q(status__in=running)
        )

    def active_on(self, day: dt.date) -> "EnrollmentQuerySet":
        """Enrolments active on `day`: activated by then, not ended or suspended by then, and
        with an informed consent valid on that day.

        An enrolment that ends (or is suspended) on a day is no longer active on that day.
        """
        status = Enrollment.Status
        return (
            self._took_part()
            .filter(Q(activated_on__lte=day) | Q(activated_on__isnull=True, enrolled_on__lte=day))
            .filter(self._not_ended_by(day, inclusive=False))
            .exclude(status=status.SUSPENDED, status_changed_on__lte=day)
            .filter(
                Exists(Consent.objects.filter(participant=OuterRef("participant")).valid_on(day))
            )
        )

    def active_during(self, start: dt.date, end: dt.date) -> "EnrollmentQuerySet":
        """Enrolments active on at least one day of [start, end], or ending within it.

        These are the people handled (ditangani) in a period: someone who completes on the
        first of the month was in the programme that month.
        """
        status = Enrollment.Status
        consented = Consent.objects.filter(
            participant=OuterRef("participant"), given_on__lte=end
        ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=start))
        return (
            self._took_part()
            .filter(Q(activated_on__lte=end) | Q(activated_on__isnull=True, enrolled_on__lte=end))
            .filter(self._not_ended_by(start, inclusive=True))
            .exclude(status=status.SUSPENDED, status_changed_on__lt=start)
            .filter(Exists(consented))
        )


class Enrollment(TrackedModel):
    """A participant in a cohort, from screening to leaving.

    screened → enrolled → active → completed | dropped out | transferred | released.
    Each move is a method below, with the date it happened and a reason; the history
    table keeps every step, so the timeline can show the whole path.
    """

    class Status(models.TextChoices):
        SCREENED = "screened", _("Diskrining")
        ENROLLED = "enrolled", _("Terdaftar")
        ACTIVE = "active", _("Aktif")
        SUSPENDED = "suspended", _("Ditangguhkan")
        COMPLETED = "completed", _("Selesai")
        DROPPED_OUT = "dropped_out", _("Keluar/berhenti")
        TRANSFERRED = "transferred", _("Dipindahkan")
        RELEASED = "released", _("Bebas")

    OPEN = frozenset({Status.SCREENED, Status.ENROLLED, Status.ACTIVE, Status.SUSPENDED})
    # action → (statuses it may start from, status it leads to, reason required)
    TRANSITIONS = {
        "enroll": (frozenset({Status.SCREENED}), Status.ENROLLED, False),
        "activate": (frozenset({Status.ENROLLED, Status.SUSPENDED}), Status.ACTIVE, False),
        "complete": (frozenset({Status.ACTIVE}), Status.COMPLETED, False),
        "suspend": (frozenset({Status.ACTIVE}), Status.SUSPENDED, True),
        "drop_out": (OPEN, Status.DROPPED_OUT, True),
        "transfer": (OPEN, Status.TRANSFERRED, True),
        "release": (OPEN, Status.RELEASED, True),
    }
    ACTION_LABELS = {
        "enroll": _("Daftarkan"),
        "activate": _("Aktifkan"),
        "suspend": _("Tangguhkan"),
        "complete": _("Nyatakan selesai"),
        "drop_out": _("Catat keluar/berhenti"),
        "transfer": _("Catat pindah"),
        "release": _("Catat bebas"),
    }

    participant = link(Participant, _("warga binaan"), "enrollments")
    cohort = link("rehab.Cohort", _("angkatan"), "enrollments")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCREENED
    )
    enrolled_on = bounded_date(_("tanggal terdaftar"), optional=True)
    activated_on = bounded_date(_("tanggal mulai aktif"), optional=True)
    ended_on = bounded_date(_("tanggal berakhir"), optional=True)
    end_reason = models.TextField(_("alasan berakhir"), blank=True)
    status_changed_on = bounded_date(_("tanggal perubahan status"), optional=True)
    status_reason = models.TextField(_("keterangan perubahan status"), blank=True)
    version = version_field()

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("keikutsertaan")
        ordering = ["-created_at"]
        constraints = [
            unique(["participant", "cohort"], name="enrollment_once_per_cohort"),
            unique(
                ["participant"],
                name="enrollment_one_active_per_participant",
                condition=Q(status="active"),
                message=_("Warga binaan ini sudah aktif di angkatan lain."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.cohort}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def allowed_actions(self) -> list[str]:
        """The transitions possible from the current status, in lifecycle order."""
        return [a for a, (sources, _to, _r) in self.TRANSITIONS.items() if self.status in sources]

    def enroll(self, *, on: dt.date, reason: str = "") -> None:
        self._move("enroll", on=on, reason=reason, dates={"enrolled_on": on})

    def activate(self, *, on: dt.date, reason: str = "") -> None:
        """Start taking part; needs informed consent valid on `on` and no other active cohort."""
        self._check_allowed("activate")
        if not Consent.objects.filter(participant_id=self.participant_id).valid_on(on).exists():
            raise TransitionRefused(
                _(
                    "Belum ada persetujuan (informed consent) yang berlaku pada %(date)s. "
                    "Catat persetujuan warga binaan terlebih dahulu."
                )
                % {"date": date_format(on)}
            )
        if on > self.cohort.end_date:
            raise TransitionRefused(
                _("Angkatan ini sudah berakhir pada %(date)s.")
                % {"date": date_format(self.cohort.end_date)}
            )
        elsewhere = (
            Enrollment.objects.filter(participant_id=self.participant_id, status=self.Status.ACTIVE)
            .exclude(pk=self.pk)
            .select_related("cohort")
            .first()
        )
        if elsewhere:
            raise self._already_active(elsewhere.cohort.name)
        # Resuming after a suspension keeps the first start: the months before still count.
        self._move(
            "activate", on=on, reason=reason, dates={"activated_on": self.activated_on or on}
        )

    def suspend(self, *, on: dt.date, reason: str) -> None:
        """Pause taking part (e.g. consent withdrawn); `activate` resumes it with a new consent."""
        self._move("suspend", on=on, reason=reason, dates={})

    def complete(self, *, on: dt.date, reason: str = "") -> None:
        self._move("complete", on=on, reason=reason, dates={"ended_on": on, "end_reason": reason})

    def drop_out(self, *, on: dt.date, reason: str) -> None:
        self._move("drop_out", on=on, reason=reason, dates={"ended_on": on, "end_reason": reason})

    def transfer(self, *, on: dt.date, reason: str) -> None:
        self._move("transfer", on=on, reason=reason, dates={"ended_on": on, "end_reason": reason})

    def release(self, *, on: dt.date, reason: str) -> None:
        self._move("release", on=on, reason=reason, dates={"ended_on": on, "end_reason": reason})

    def _move(self, action: str, *, on: dt.date, reason: str, dates: dict) -> None:
        _sources, target, reason_required = self.TRANSITIONS[action]
        reason = (reason or "").strip()
        self._check_allowed(action)
        if reason_required and not reason:
            raise TransitionRefused(_("Tuliskan alasannya."))
        if on > timezone.localdate():
            raise TransitionRefused(_("Tanggal tidak boleh di masa depan."))
        if self.status_changed_on and on < self.status_changed_on:
            raise TransitionRefused(
                _("Tanggal tidak boleh sebelum perubahan status sebelumnya (%(date)s).")
                % {"date": date_format(self.status_changed_on)}
            )
        before = {
            name: getattr(self, name)
            for name in ("status", "status_changed_on", "status_reason", *dates)
        }
        self.status = target
        self.status_changed_on = on
        self.status_reason = reason
        for name, value in dates.items():
            setattr(self, name, value)
        try:
            # A savepoint, so that a refused change leaves the caller's transaction usable.
            with transaction.atomic():
                self.save(update_fields=[*before, "version", "updated_at"])
        except IntegrityError:
            for name, value in before.items():
                setattr(self, name, value)
            # Only the one-active-cohort rule can fail here: a concurrent activation won.
            raise self._already_active(None)

    def _check_allowed(self, action: str) -> None:
        if self.status not in self.TRANSITIONS[action][0]:
            raise TransitionRefused(
                _("Status %(current)s tidak dapat diubah dengan tindakan “%(action)s”.")
                % {"current": self.get_status_display(), "action": self.ACTION_LABELS[action]}
            )

    @staticmethod
    def _already_active(cohort_name: str | None) -> "TransitionRefused":
        if cohort_name:
            return TransitionRefused(
                _("Warga binaan ini sudah aktif di %(cohort)s. Akhiri keikutsertaan itu dulu.")
                % {"cohort": cohort_name}
            )
        return TransitionRefused(_("Warga binaan ini sudah aktif di angkatan lain."))


class CertificateQuerySet(ScopedQuerySet):
    scope = Scope(facility="facility")


class Certificate(TrackedModel):
    """The certificate of completion of one completed enrolment, with its register number."""

    enrollment = models.OneToOneField(
        Enrollment,
        verbose_name=_("keikutsertaan"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    facility = link(Facility, _("UPT"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    number = models.CharField(_("nomor sertifikat"), max_length=80, unique=True)
    issued_on = models.DateField(_("tanggal terbit"))
    issued_by = user_link(_("diterbitkan oleh"))

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("sertifikat")
        ordering = ["-issued_on", "-id"]
        constraints = [
            unique(["facility", "year", "sequence"], name="certificate_sequence_per_year")
        ]

    def __str__(self) -> str:
        return self.number


class ScreeningQuerySet(ScopedQuerySet):
    scope = Scope(facility="participant__facility")


class Screening(TrackedModel):
    """One WHO ASSIST v3.1 screening of a participant (at entry, during or at exit)."""

    class Kind(models.TextChoices):
        ENTRY = "entry", _("Awal (masuk program)")
        FOLLOW_UP = "follow_up", _("Ulang (selama program)")
        EXIT = "exit", _("Akhir (keluar program)")

    participant = link(Participant, _("warga binaan"), "screenings")
    kind = models.CharField(_("jenis skrining"), max_length=10, choices=Kind.choices)
    screened_on = bounded_date(_("tanggal skrining"))
    screener = user_link(_("petugas skrining"))
    # Q1 lifetime use and Q8 injecting are recorded but not scored.
    injected = models.CharField(
        _("pernah menyuntik (P8)"),
        max_length=12,
        blank=True,
        choices=[(key, label) for key, label in assist.EVER_LABELS.items()],
    )
    highest_risk = models.CharField(
        _("risiko tertinggi"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    notes = models.TextField(_("catatan"), blank=True)

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("skrining ASSIST")
        ordering = ["-screened_on", "-id"]
        indexes = [
            # "Has an exit screening?" per person (home counts), without scanning every screening.
            models.Index(fields=["participant", "kind"], name="screening_participant_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.get_kind_display()} {self.screened_on}"

    @property
    def recommendation(self) -> str:
        return assist.RECOMMENDATIONS.get(self.highest_risk, "")


class SubstanceResult(models.Model):
    """Answers, involvement score and risk level for one substance in one screening."""

    screening = models.ForeignKey(
        Screening, verbose_name=_("skrining"), on_delete=models.CASCADE, related_name="results"
    )
    substance = models.CharField(_("zat"), max_length=20)
    ever_used = models.BooleanField(_("pernah memakai (P1)"), default=False)
    responses = models.JSONField(_("jawaban P2–P7"), default=dict)
    score = models.PositiveSmallIntegerField(_("skor keterlibatan"))
    risk = models.CharField(_("tingkat risiko"), max_length=10, choices=RiskLevel.choices)

    class Meta:
        verbose_name = verbose_name_plural = _("hasil per zat")
        constraints = [
            unique(["screening", "substance"], name="screening_result_once_per_substance")
        ]

    def __str__(self) -> str:
        return f"{self.substance}: {self.score} ({self.risk})"

    @property
    def substance_label(self) -> str:
        return assist.SUBSTANCE_LABELS.get(self.substance, self.substance)

    def answer_labels(self) -> list[tuple[int, str]]:
        """(question, answer as asked) for each scored question of this substance."""
        rows = []
        for question in assist.questions_for(self.substance):
            key = self.responses.get(str(question), "")
            labels = assist.FREQUENCY_LABELS if question <= 5 else assist.EVER_LABELS
            rows.append((question, labels.get(key, "—")))
        return rows

    @property
    def recommendation(self) -> str:
        return assist.RECOMMENDATIONS.get(self.risk, "")


class ConsentQuerySet(ScopedQuerySet):
    scope = Scope(facility="participant__facility")

    def valid_on(self, day: dt.date) -> "ConsentQuerySet":
        """Consents given by `day` and not withdrawn by then."""
        return self.filter(given_on__lte=day).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
        )


class Consent(TrackedModel):
    """A participant's recorded informed consent to take part in the programme."""

    participant = link(Participant, _("warga binaan"), "consents")
    given_on = bounded_date(_("tanggal persetujuan"))
    witness = models.CharField(_("saksi"), max_length=200, blank=True)
    recorded_by = user_link(_("dicatat oleh"))
    withdrawn_on = bounded_date(_("tanggal pencabutan"), optional=True)
    withdrawal_reason = models.TextField(_("alasan pencabutan"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("persetujuan (informed consent)")
        ordering = ["-given_on"]
        constraints = [
            date_not_before(
                "withdrawn_on", "given_on", name="consent_withdrawn_after_given", optional=True
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.given_on}"

    def withdraw(self, *, on: dt.date, reason: str = "") -> None:
        """The participant takes their consent back; it stops counting from `on`."""
        if self.withdrawn_on:
            raise ValidationError(_("Persetujuan ini sudah dicabut."))
        if on < self.given_on or on > timezone.localdate():
            raise ValidationError(
                _("Tanggal pencabutan harus antara tanggal persetujuan dan hari ini.")
            )
        self.withdrawn_on = on
        self.withdrawal_reason = reason.strip()
        self.save(update_fields=["withdrawn_on", "withdrawal_reason", "updated_at"])


class IntegrationProgrammeQuerySet(ScopedQuerySet):
    scope = Scope(facility="participant__facility")

    def awaiting_decision(self) -> "IntegrationProgrammeQuerySet":
        """Proposed or before the review board (Sidang TPP), not yet decided."""
        status = IntegrationProgramme.Status
        return self.filter(status__in=[status.PROPOSED, status.IN_REVIEW])


class IntegrationProgramme(TrackedModel):
    """A proposal for conditional release or leave (PB, CB, CMB, asimilasi)."""

    class Kind(models.TextChoices):
        PB = "pb", _("Pembebasan Bersyarat (PB)")
        CB = "cb", _("Cuti Bersyarat (CB)")
        CMB = "cmb", _("Cuti Menjelang Bebas (CMB)")
        ASIMILASI = "asimilasi", _("Asimilasi")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Diusulkan")
        IN_REVIEW = "in_review", _("Dibahas Sidang TPP")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")
        RUNNING = "running", _("Berjalan")
        COMPLETED = "completed", _("Selesai")
        REVOKED = "revoked", _("Dicabut")

    participant = link(Participant, _("warga binaan"), "integration_programmes")
    kind = models.CharField(_("jenis program integrasi"), max_length=10, choices=Kind.choices)
    guarantor = link("rehab.Partner", _("penjamin"), "guaranteed_integrations", optional=True)
    proposed_on = bounded_date(_("tanggal usulan"))
    tpp_date = bounded_date(_("tanggal Sidang TPP"), optional=True)
    decision = models.TextField(_("keputusan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    guarantor_statement = models.TextField(_("pernyataan penjamin"), blank=True)
    # When the person leaves the facility under the decision: release planning reads it.
    leaves_on = models.DateField(
        _("tanggal keluar"),
        null=True,
        blank=True,
        help_text=_("Tanggal warga binaan keluar rutan bila usulan disetujui."),
    )
    version = version_field()

    objects = IntegrationProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("program integrasi")
        ordering = ["-proposed_on"]
        constraints = [
            date_not_before(
                "tpp_date", "proposed_on", name="integration_tpp_after_proposal", optional=True
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.participant}"


class RetentionRun(models.Model):
    """One run of the retention job at one facility: what it found and what it did."""

    ran_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    facility = link(Facility, _("UPT"))
    dry_run = models.BooleanField(_("uji coba (tanpa perubahan)"))
    retention_months = models.PositiveSmallIntegerField(_("masa retensi (bulan)"))
    expired = models.PositiveIntegerField(_("melewati masa retensi"))
    anonymised = models.PositiveIntegerField(_("dianonimkan"))

    class Meta:
        verbose_name = verbose_name_plural = _("jalannya retensi data")
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M} {self.facility}: {self.anonymised}/{self.expired}"


class ImportJobQuerySet(ScopedQuerySet):
    scope = Scope(facility="facility")


class ImportJob(BackgroundJob):
    """One uploaded SDP file on its way through check and commit, done in the background.

    The person who uploaded it can leave the page and come back: the job keeps the state, the
    preview's figures and rows, and the outcome.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("sedang diperiksa")
        CHECKED = "checked", _("siap disimpan")
        SAVING = "saving", _("sedang disimpan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")
        CANCELLED = "cancelled", _("dibatalkan")

    RUNNING = (Status.CHECKING, Status.SAVING)

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        "rutan.User", on_delete=models.CASCADE, related_name="import_jobs"
    )
    source_name = models.CharField(_("nama berkas"), max_length=200)
    token = models.CharField(max_length=32)
    extension = models.CharField(max_length=8)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CHECKING)
    # The preview: summary figures, error rows, a sample of valid rows, ignored columns.
    summary = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    # The commit: how many rows were created and updated.
    written = models.JSONField(default=dict, blank=True)
    changed_since_preview = models.BooleanField(default=False)

    objects = ImportJobQuerySet.as_manager()

    class Meta(BackgroundJob.Meta):
        verbose_name = verbose_name_plural = _("impor")

    def __str__(self) -> str:
        return self.source_name

    def mark_checked(self, *, summary: dict, result: dict, changed: bool = False) -> None:
        self.status = self.Status.CHECKED
        self.summary, self.result, self.changed_since_preview = summary, result, changed
        self.message = ""
        self.save(
            update_fields=[
                "status",
                "summary",
                "result",
                "changed_since_preview",
                "message",
                "updated_at",
            ]
        )

    def mark_saving(self) -> None:
        self.status = self.Status.SAVING
        self.changed_since_preview = False
        self.save(update_fields=["status", "changed_since_preview", "updated_at"])

    def mark_done(self, *, written: dict) -> None:
        self.status, self.written = self.Status.DONE, written
        self.save(update_fields=["status", "written", "updated_at"])

    def mark_failed(self, message: str) -> None:
        self.status, self.message = self.Status.FAILED, message
        self.save(update_fields=["status", "message", "updated_at"])

    def mark_cancelled(self) -> None:
        self.status = self.Status.CANCELLED
        self.save(update_fields=["status", "updated_at"])
