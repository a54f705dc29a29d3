from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rutan.models import Facility, TimeStampedModel

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

    facility = models.ForeignKey(
        Facility, verbose_name=_("UPT"), on_delete=models.PROTECT, related_name="participants"
    )
    register_type = models.CharField(
        _("jenis register"), max_length=6, choices=RegisterType.choices
    )
    registration_number = models.CharField(_("nomor registrasi"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    nik = models.CharField(
        _("NIK"), max_length=16, blank=True, validators=[nik_validator], db_index=True
    )
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    case_article = models.CharField(_("pasal perkara"), max_length=200, blank=True)
    admission_date = models.DateField(_("tanggal masuk"))
    expected_release_date = models.DateField(_("perkiraan tanggal bebas"), null=True, blank=True)
    cell_block = models.CharField(_("blok hunian"), max_length=40, blank=True)
    education = models.CharField(
        _("pendidikan terakhir"), max_length=10, choices=Education.choices, blank=True
    )
    religion = models.CharField(_("agama"), max_length=10, choices=Religion.choices, blank=True)
    # PP 25/2011 Pasal 18 recap: substance, duration and route of use, diagnosis, treatment history.
    primary_substance = models.CharField(_("zat utama yang digunakan"), max_length=100, blank=True)
    use_duration_years = models.PositiveSmallIntegerField(
        _("lama pemakaian (tahun)"), null=True, blank=True
    )
    use_route = models.CharField(_("cara pakai"), max_length=100, blank=True)
    diagnosis = models.CharField(_("diagnosis"), max_length=200, blank=True)
    treatment_history = models.TextField(_("riwayat terapi/rehabilitasi"), blank=True)
    substance_history = models.TextField(_("riwayat penggunaan zat"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("warga binaan")
        verbose_name_plural = _("warga binaan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "registration_number"],
                name="participant_regno_unique_per_facility",
                violation_error_message=_("Nomor registrasi ini sudah terdaftar di UPT ini."),
            ),
            models.CheckConstraint(
                condition=Q(expected_release_date__isnull=True)
                | Q(expected_release_date__gte=F("admission_date")),
                name="participant_release_after_admission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.registration_number})"

    @property
    def is_detainee(self) -> bool:
        return RegisterType.is_detainee(self.register_type)


class Enrollment(TimeStampedModel):
    """A participant in a cohort, from screening to leaving."""

    class Status(models.TextChoices):
        SCREENED = "screened", _("Diskrining")
        ENROLLED = "enrolled", _("Terdaftar")
        ACTIVE = "active", _("Aktif")
        COMPLETED = "completed", _("Selesai")
        DROPPED_OUT = "dropped_out", _("Keluar/berhenti")
        TRANSFERRED = "transferred", _("Dipindahkan")
        RELEASED = "released", _("Bebas")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("warga binaan"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    cohort = models.ForeignKey(
        "rehab.Cohort",
        verbose_name=_("angkatan"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCREENED
    )
    enrolled_on = models.DateField(_("tanggal terdaftar"), null=True, blank=True)
    activated_on = models.DateField(_("tanggal mulai aktif"), null=True, blank=True)
    ended_on = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    end_reason = models.TextField(_("alasan berakhir"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keikutsertaan")
        verbose_name_plural = _("keikutsertaan")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "cohort"], name="enrollment_once_per_cohort"
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(status="active"),
                name="enrollment_one_active_per_participant",
                violation_error_message=_("Warga binaan ini sudah aktif di angkatan lain."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.cohort}"


class RiskLevel(models.TextChoices):
    LOW = "low", _("Rendah")
    MODERATE = "moderate", _("Sedang")
    HIGH = "high", _("Tinggi")


class Screening(TimeStampedModel):
    """One WHO ASSIST v3.1 screening of a participant (at entry, during or at exit)."""

    class Kind(models.TextChoices):
        ENTRY = "entry", _("Awal (masuk program)")
        FOLLOW_UP = "follow_up", _("Ulang (selama program)")
        EXIT = "exit", _("Akhir (keluar program)")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("warga binaan"),
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    kind = models.CharField(_("jenis skrining"), max_length=10, choices=Kind.choices)
    screened_on = models.DateField(_("tanggal skrining"))
    screener = models.ForeignKey(
        "rutan.User", verbose_name=_("petugas skrining"), on_delete=models.PROTECT, related_name="+"
    )
    # Q1 lifetime use and Q8 injecting are recorded but not scored.
    injected = models.CharField(_("pernah menyuntik (P8)"), max_length=12, blank=True)
    highest_risk = models.CharField(
        _("risiko tertinggi"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    notes = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skrining ASSIST")
        verbose_name_plural = _("skrining ASSIST")
        ordering = ["-screened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.participant} — {self.get_kind_display()} {self.screened_on}"


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
        verbose_name = _("hasil per zat")
        verbose_name_plural = _("hasil per zat")
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "substance"], name="screening_result_once_per_substance"
            )
        ]

    def __str__(self) -> str:
        return f"{self.substance}: {self.score} ({self.risk})"


class Consent(TimeStampedModel):
    """A participant's recorded informed consent to take part in the programme."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("warga binaan"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    given_on = models.DateField(_("tanggal persetujuan"))
    witness = models.CharField(_("saksi"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "rutan.User", verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("tanggal pencabutan"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persetujuan (informed consent)")
        verbose_name_plural = _("persetujuan (informed consent)")
        ordering = ["-given_on"]

    def __str__(self) -> str:
        return f"{self.participant} — {self.given_on}"


class IntegrationProgramme(TimeStampedModel):
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

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("warga binaan"),
        on_delete=models.PROTECT,
        related_name="integration_programmes",
    )
    kind = models.CharField(_("jenis program integrasi"), max_length=10, choices=Kind.choices)
    guarantor = models.ForeignKey(
        "rehab.Partner",
        verbose_name=_("penjamin"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guaranteed_integrations",
    )
    proposed_on = models.DateField(_("tanggal usulan"))
    tpp_date = models.DateField(_("tanggal Sidang TPP"), null=True, blank=True)
    decision = models.TextField(_("keputusan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    guarantor_statement = models.TextField(_("pernyataan penjamin"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program integrasi")
        verbose_name_plural = _("program integrasi")
        ordering = ["-proposed_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.participant}"
