"""Periodic evaluations: of a participant (monthly and at exit) and of the programme under a PKS.

Both kinds go through the same review: the author drafts and submits, the kepala rutan approves
or returns with a comment; an approved evaluation is locked.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rutan.model_parts import bounded_date
from rutan.model_parts import date_not_before
from rutan.model_parts import link
from rutan.model_parts import unique
from rutan.model_parts import user_link
from rutan.model_parts import value_between
from rutan.models import TrackedModel
from rutan.scoping import Scope
from rutan.scoping import ScopedQuerySet
from rutan.versioning import version_field


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    RETURNED = "returned", _("Dikembalikan")


class ReviewError(Exception):
    """A review step that the evaluation's current status does not allow."""


class Reviewed(models.Model):
    """Draft → submitted → approved | returned (→ submitted again), and who decided."""

    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    reviewed_by = user_link(_("ditinjau oleh"), optional=True)
    review_comment = models.TextField(_("catatan kepala"), blank=True)

    REVIEW_FIELDS = ["status", "reviewed_at", "reviewed_by", "review_comment", "updated_at"]

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED)

    @property
    def is_locked(self) -> bool:
        return self.status == ReviewStatus.APPROVED

    def submit(self) -> None:
        if not self.is_editable:
            raise ReviewError(_("Hanya draf atau evaluasi yang dikembalikan yang dapat diajukan."))
        self.status = ReviewStatus.SUBMITTED
        self.submitted_at = timezone.now()
        self.save(update_fields=["status", "submitted_at", "updated_at"])

    def approve(self, by, comment: str = "") -> None:
        if self.status != ReviewStatus.SUBMITTED:
            raise ReviewError(_("Hanya evaluasi yang sedang diajukan yang dapat disetujui."))
        self.status = ReviewStatus.APPROVED
        self.reviewed_at = timezone.now()
        self.reviewed_by = by
        self.review_comment = comment.strip()
        self.save(update_fields=[*self.REVIEW_FIELDS, *self.extra_approval_fields()])

    def extra_approval_fields(self) -> list[str]:
        """Fields a subclass fills in on approval (saved together with the status)."""
        return []

    def return_(self, by, comment: str) -> None:
        if self.status != ReviewStatus.SUBMITTED:
            raise ReviewError(_("Hanya evaluasi yang sedang diajukan yang dapat dikembalikan."))
        if not comment.strip():
            raise ReviewError(_("Tuliskan alasan pengembalian."))
        self.status = ReviewStatus.RETURNED
        self.reviewed_at = timezone.now()
        self.reviewed_by = by
        self.review_comment = comment.strip()
        self.save(update_fields=self.REVIEW_FIELDS)


class RelapseRisk(models.TextChoices):
    """The module "10 Hal Berbahaya dalam Proses Recovery", as a checklist."""

    NEGATIVE_ENVIRONMENT = "negative_environment", _("Lingkungan negatif")
    WEAK_EMOTION_CONTROL = "weak_emotion_control", _("Kontrol emosi lemah")
    OLD_HABITS = "old_habits", _("Kebiasaan lama pemicu relapse")
    USER_FRIENDS = "user_friends", _("Bergaul dengan pemakai")
    OVERCONFIDENCE = "overconfidence", _("Rasa percaya diri berlebihan")
    BOREDOM = "boredom", _("Kebosanan")
    UNMANAGED_STRESS = "unmanaged_stress", _("Stres tanpa pengelolaan")
    EXCESS_MONEY = "excess_money", _("Menyimpan uang berlebih")
    DISHONESTY = "dishonesty", _("Tidak jujur")
    STOPPED_SUPPORT = "stopped_support", _("Berhenti mengikuti dukungan")


# The scored domains, 1 (poor) to 5 (good), in the order the form and reports show them.
SCORED_DOMAINS = ("motivation", "emotional_control", "social_support", "unit_behaviour")

# What each level means, so that two facilitators score the same participant alike.
DOMAIN_GUIDANCE = {
    "motivation": {
        1: _("Menolak atau tidak tertarik mengikuti program"),
        2: _("Ikut karena diwajibkan, belum melihat manfaatnya"),
        3: _("Mulai menyadari perlunya berubah"),
        4: _("Aktif dan memiliki tujuan pemulihan yang jelas"),
        5: _("Berkomitmen kuat dan mendorong peserta lain"),
    },
    "emotional_control": {
        1: _("Sering marah atau meledak, terlibat konflik"),
        2: _("Mudah tersinggung, sulit menenangkan diri"),
        3: _("Kadang lepas kendali, tetapi dapat ditenangkan"),
        4: _("Umumnya tenang dan mengenali pemicu emosinya"),
        5: _("Stabil, mengelola emosi dengan cara yang sehat"),
    },
    "social_support": {
        1: _("Tidak ada keluarga atau teman yang mendukung"),
        2: _("Dukungan sangat terbatas atau tidak menentu"),
        3: _("Ada dukungan dari satu pihak (mis. keluarga inti)"),
        4: _("Dukungan keluarga dan lingkungan cukup baik"),
        5: _("Jaringan dukungan kuat dan siap menerima setelah bebas"),
    },
    "unit_behaviour": {
        1: _("Sering melanggar tata tertib"),
        2: _("Pernah melanggar, perlu pengawasan ketat"),
        3: _("Cukup tertib, sesekali ditegur"),
        4: _("Tertib dan kooperatif dengan petugas"),
        5: _("Menjadi teladan dan membantu menjaga ketertiban"),
    },
}

RECOMMENDATION_GUIDANCE = {
    "continue": _("Peserta masih perlu mengikuti sesi berikutnya."),
    "graduate": _("Tujuan program tercapai; peserta dapat dinyatakan selesai."),
    "refer": _("Perlu layanan lain, mis. klinis/psikiatri atau rehabilitasi rawat inap."),
    "integration": _("Layak diusulkan PB/CB/CMB/asimilasi dengan dukungan penjamin."),
}


class EvaluationQuerySet(ScopedQuerySet):
    # As its enrolment (participants.models.EnrollmentQuerySet).
    scope = Scope(
        facility="enrollment__participant__facility",
        partner="enrollment__cohort__programme__partner",
    )


class Evaluation(Reviewed, TrackedModel):
    """A facilitator's evaluation of one participant in one cohort, for a month or at exit."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Bulanan")
        EXIT = "exit", _("Akhir program")

    class Recommendation(models.TextChoices):
        CONTINUE = "continue", _("Lanjutkan program")
        GRADUATE = "graduate", _("Lulus / selesai program")
        REFER = "refer", _("Rujuk ke layanan lain")
        INTEGRATION = "integration", _("Usulkan program integrasi")

    enrollment = link("participants.Enrollment", _("keikutsertaan"), "evaluations")
    kind = models.CharField(_("jenis evaluasi"), max_length=10, choices=Kind.choices)
    period = bounded_date(_("bulan periode"), help_text=_("Hari pertama bulan yang dinilai."))
    knowledge_pre = models.PositiveSmallIntegerField(
        _("skor pre-test pengetahuan NAPZA"), null=True, blank=True
    )
    knowledge_post = models.PositiveSmallIntegerField(
        _("skor post-test pengetahuan NAPZA"), null=True, blank=True
    )
    motivation = models.PositiveSmallIntegerField(_("motivasi pemulihan"))
    emotional_control = models.PositiveSmallIntegerField(_("kontrol emosi"))
    social_support = models.PositiveSmallIntegerField(_("dukungan sosial"))
    unit_behaviour = models.PositiveSmallIntegerField(_("perilaku di blok hunian"))
    relapse_risks = models.JSONField(_("faktor risiko relapse"), default=list, blank=True)
    recommendation = models.CharField(
        _("rekomendasi"), max_length=12, choices=Recommendation.choices
    )
    recommendation_note = models.TextField(_("alasan rekomendasi"), blank=True)
    notes = models.TextField(_("catatan fasilitator"), blank=True)
    author = user_link(_("ditulis oleh"))
    version = version_field()

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("evaluasi peserta")
        ordering = ["-period", "-id"]
        constraints = [
            unique(
                ["enrollment", "kind", "period"],
                name="evaluation_once_per_enrollment_kind_period",
                message=_("Evaluasi jenis ini untuk bulan tersebut sudah ada bagi peserta ini."),
            ),
            models.CheckConstraint(
                condition=Q(period__day=1), name="evaluation_period_is_first_of_month"
            ),
            models.CheckConstraint(
                condition=Q(knowledge_pre__isnull=True) | Q(knowledge_pre__lte=100),
                name="evaluation_knowledge_pre_0_100",
            ),
            models.CheckConstraint(
                condition=Q(knowledge_post__isnull=True) | Q(knowledge_post__lte=100),
                name="evaluation_knowledge_post_0_100",
            ),
            *(
                value_between(name, 1, 5, name=f"evaluation_{name}_1_to_5")
                for name in SCORED_DOMAINS
            ),
        ]
        indexes = [
            models.Index(fields=["status", "period"]),
            # The national list, newest month first, reads the newest months from this index
            # instead of sorting every evaluation in the country.
            models.Index(fields=["period"], name="evaluation_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment.participant} — {self.get_kind_display()} {self.period:%m/%Y}"

    @property
    def domain_scores(self) -> list[tuple[str, int, str]]:
        """(label, score, what the score means) for each scored domain, in display order."""
        return [
            (
                self._meta.get_field(name).verbose_name,
                getattr(self, name),
                DOMAIN_GUIDANCE[name].get(getattr(self, name), ""),
            )
            for name in SCORED_DOMAINS
        ]

    @property
    def relapse_risk_labels(self) -> list[str]:
        labels = dict(RelapseRisk.choices)
        return [labels.get(code, code) for code in self.relapse_risks]


class ProgrammeEvaluationQuerySet(ScopedQuerySet):
    scope = Scope(facility="agreement__facility", partner="agreement__partner")


class ProgrammeEvaluation(Reviewed, TrackedModel):
    """The periodic evaluation (evaluasi berkala) of the programme run under one agreement."""

    agreement = link("rehab.Agreement", _("perjanjian kerja sama"), "evaluations")
    period_start = bounded_date(_("awal periode"))
    period_end = bounded_date(_("akhir periode"))
    achievements = models.TextField(_("capaian"))
    obstacles = models.TextField(_("kendala"), blank=True)
    follow_ups = models.TextField(_("rencana tindak lanjut"), blank=True)
    # The computed figures as approved, so the approved document does not drift with later data.
    figures = models.JSONField(_("angka saat disetujui"), null=True, blank=True)
    author = user_link(_("disusun oleh"))
    version = version_field()

    objects = ProgrammeEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("evaluasi program")
        ordering = ["-period_start", "-id"]
        constraints = [
            date_not_before(
                "period_end",
                "period_start",
                name="programme_evaluation_ends_after_start",
                message=_("Akhir periode tidak boleh sebelum awal periode."),
            ),
            unique(
                ["agreement", "period_start", "period_end"],
                name="programme_evaluation_once_per_period",
                message=_("Evaluasi untuk PKS dan periode ini sudah ada."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.facility_number}: {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    def approve(self, by, comment: str = "", *, figures: dict | None = None) -> None:
        """Approve and freeze the figures the kepala saw."""
        if self.status == ReviewStatus.SUBMITTED:
            self.figures = figures
        super().approve(by, comment)

    def extra_approval_fields(self) -> list[str]:
        return ["figures"]
