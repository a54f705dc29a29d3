import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case
from django.db.models import Q
from django.db.models import Value
from django.db.models import When
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from rutan.model_parts import bounded_date
from rutan.model_parts import date_not_before
from rutan.model_parts import link
from rutan.model_parts import unique
from rutan.model_parts import user_link
from rutan.models import Facility
from rutan.models import TrackedModel
from rutan.scoping import Scope
from rutan.scoping import ScopedQuerySet
from rutan.versioning import version_field

EXPIRY_WARNING_DAYS = 60


def agreement_document_path(instance, filename: str) -> str:
    """A random name: the uploader's file name never reaches the disk or a URL."""
    return f"agreements/{secrets.token_hex(16)}.pdf"


class AgreementQuerySet(ScopedQuerySet):
    scope = Scope(facility="facility", partner="partner")

    def with_status(self, day: dt.date | None = None) -> "AgreementQuerySet":
        """Annotate `current_status` on `day` (today by default), as Agreement.status_on does."""
        day = day or timezone.localdate()
        status = Agreement.Status
        warn_from = day + dt.timedelta(days=EXPIRY_WARNING_DAYS)
        return self.annotate(
            current_status=Case(
                When(terminated_on__lte=day, then=Value(status.TERMINATED)),
                When(approved_at__isnull=True, then=Value(status.DRAFT)),
                When(valid_until__lt=day, then=Value(status.EXPIRED)),
                When(valid_from__gt=day, then=Value(status.DRAFT)),
                When(valid_until__lte=warn_from, then=Value(status.EXPIRING)),
                default=Value(status.ACTIVE),
                output_field=models.CharField(),
            )
        )

    def in_force_between(self, first: dt.date, last: dt.date) -> "AgreementQuerySet":
        """Approved agreements valid on at least one day from `first` to `last`."""
        return self.filter(
            Q(terminated_on__isnull=True) | Q(terminated_on__gt=first),
            approved_at__isnull=False,
            valid_from__lte=last,
            valid_until__gte=first,
        )

    def by_status(self, *statuses: str, day: dt.date | None = None) -> "AgreementQuerySet":
        """Agreements whose computed status on `day` is one of `statuses`."""
        return self.with_status(day).filter(current_status__in=statuses)


class AgreementError(ValidationError):
    """A state change the agreement's current state does not allow."""


class Agreement(TrackedModel):
    """A cooperation agreement (Perjanjian Kerja Sama, PKS) between a facility and a partner."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        ACTIVE = "active", _("Berlaku")
        EXPIRING = "expiring", _("Segera berakhir")
        EXPIRED = "expired", _("Berakhir")
        TERMINATED = "terminated", _("Diakhiri")

    facility = link(Facility, _("UPT"), "agreements")
    partner = link("rehab.Partner", _("mitra"), "agreements")
    facility_number = models.CharField(_("nomor PKS pihak UPT"), max_length=120)
    partner_number = models.CharField(_("nomor PKS pihak mitra"), max_length=120, blank=True)
    title = models.CharField(_("judul"), max_length=300)
    signed_place = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    signed_on = bounded_date(_("tanggal penandatanganan"), optional=True)
    facility_signatory = models.CharField(_("penanda tangan UPT"), max_length=200, blank=True)
    facility_signatory_title = models.CharField(
        _("jabatan penanda tangan UPT"), max_length=200, blank=True
    )
    partner_signatory = models.CharField(_("penanda tangan mitra"), max_length=200, blank=True)
    partner_signatory_title = models.CharField(
        _("jabatan penanda tangan mitra"), max_length=200, blank=True
    )
    valid_from = bounded_date(_("berlaku sejak"))
    valid_until = bounded_date(_("berlaku sampai"))
    guarantees_integration = models.BooleanField(
        _("mitra menjadi penjamin program integrasi"), default=False
    )
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    purpose = models.TextField(_("maksud dan tujuan"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    document = models.FileField(
        _("dokumen PKS bertanda tangan (PDF)"),
        upload_to=agreement_document_path,
        max_length=200,
        blank=True,
    )
    document_name = models.CharField(_("nama berkas asli"), max_length=200, blank=True)
    document_size = models.PositiveIntegerField(_("ukuran berkas (bita)"), null=True, blank=True)
    document_sha256 = models.CharField(_("sidik SHA-256 berkas"), max_length=64, blank=True)
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    approved_by = user_link(_("disetujui oleh"), optional=True)
    terminated_on = bounded_date(_("diakhiri pada"), optional=True)
    termination_reason = models.TextField(_("alasan pengakhiran"), blank=True)
    terminated_by = user_link(_("diakhiri oleh"), optional=True)
    version = version_field()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("perjanjian kerja sama")
        ordering = ["-valid_from"]
        constraints = [
            date_not_before(
                "valid_until",
                "valid_from",
                name="agreement_ends_after_start",
                message=_("Tanggal akhir masa berlaku tidak boleh sebelum tanggal mulainya."),
            ),
            unique(
                ["facility", "facility_number"],
                name="agreement_number_unique_per_facility",
                message=_("Nomor PKS ini sudah terdaftar di UPT ini."),
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True) | ~Q(termination_reason=""),
                name="agreement_termination_has_reason",
                violation_error_message=_("Pengakhiran PKS harus disertai alasan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility_number} — {self.partner}"

    def status_on(self, day: dt.date) -> str:
        """The status follows the dates, except for an explicit termination or a missing approval."""
        if self.terminated_on and day >= self.terminated_on:
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

    @property
    def status(self) -> str:
        """Today's status (in the active time zone: the user's facility)."""
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label

    @property
    def effective_until(self) -> dt.date:
        """The last day the agreement binds: its end date, or the day it was ended early."""
        if self.terminated_on and self.terminated_on < self.valid_until:
            return self.terminated_on
        return self.valid_until

    def days_left(self, day: dt.date | None = None) -> int:
        return (self.valid_until - (day or timezone.localdate())).days

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_terminated(self) -> bool:
        return self.terminated_on is not None

    @property
    def document_download_name(self) -> str:
        """A safe attachment name built from the PKS number, not from the uploaded name."""
        return f"PKS-{slugify(self.facility_number) or self.pk}.pdf"

    def activate(self, *, by) -> None:
        """The head of the facility approves the signed agreement; the dates then govern it."""
        if self.is_terminated:
            raise AgreementError(_("PKS yang sudah diakhiri tidak dapat diaktifkan."))
        if self.is_approved:
            raise AgreementError(_("PKS ini sudah disetujui."))
        missing = []
        if not self.signed_on:
            missing.append(str(_("tanggal penandatanganan")))
        if not self.document:
            missing.append(str(_("dokumen PKS bertanda tangan (PDF)")))
        if missing:
            raise AgreementError(
                _("PKS belum dapat disetujui; lengkapi dahulu: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
        self.approved_at = timezone.now()
        self.approved_by = by
        self.save(update_fields=["approved_at", "approved_by", "updated_at"])

    def terminate(self, *, reason: str, by, on: dt.date | None = None) -> None:
        """End the agreement before its term, for a stated reason."""
        reason = (reason or "").strip()
        on = on or timezone.localdate()
        if self.is_terminated:
            raise AgreementError(_("PKS ini sudah diakhiri."))
        if not reason:
            raise AgreementError(_("Alasan pengakhiran wajib diisi."))
        if on > timezone.localdate():
            raise AgreementError(_("Tanggal pengakhiran tidak boleh di masa depan."))
        self.terminated_on = on
        self.termination_reason = reason
        self.terminated_by = by
        self.save(
            update_fields=["terminated_on", "termination_reason", "terminated_by", "updated_at"]
        )

    def extend_to(self, until: dt.date) -> None:
        """Move the end of validity, as an addendum decides."""
        if until < self.valid_from:
            raise AgreementError(
                _("Tanggal akhir masa berlaku tidak boleh sebelum tanggal mulainya.")
            )
        self.valid_until = until
        # An edit form opened before the addendum must not put the old date back.
        self.version += 1
        self.save(update_fields=["valid_until", "version", "updated_at"])


class AgreementScopeItem(TrackedModel):
    """One thing the agreement promises (ruang lingkup)."""

    class Kind(models.TextChoices):
        TECHNICAL_GUIDANCE = "guidance", _("Bimbingan teknis dan materi tentang NAPZA")
        ACCOMPANIMENT = (
            "accompaniment",
            _("Pendampingan terhadap warga binaan peserta program rehabilitasi"),
        )
        EVALUATION = "evaluation", _("Evaluasi berkala")
        OTHER = "other", _("Lainnya")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("PKS"), on_delete=models.CASCADE, related_name="scope_items"
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    description = models.CharField(_("uraian"), max_length=300)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("ruang lingkup PKS")
        ordering = ["order", "id"]
        constraints = [
            unique(
                ["agreement", "kind"],
                name="agreement_scope_standard_item_once",
                condition=~Q(kind="other"),
            ),
            unique(["agreement", "description"], name="agreement_scope_item_once"),
        ]

    def __str__(self) -> str:
        return self.description


class Addendum(TrackedModel):
    """An amendment to an agreement, with its own number and dates."""

    agreement = link(Agreement, _("PKS"), "addenda")
    number = models.CharField(_("nomor adendum"), max_length=120)
    title = models.CharField(_("perihal"), max_length=300)
    signed_on = bounded_date(_("tanggal penandatanganan"))
    effective_from = bounded_date(_("berlaku sejak"))
    changes = models.TextField(_("isi perubahan"))
    new_valid_until = models.DateField(
        _("masa berlaku PKS diubah sampai"),
        null=True,
        blank=True,
        help_text=_("Isi hanya bila adendum mengubah akhir masa berlaku PKS."),
    )
    created_by = user_link(_("dicatat oleh"), optional=True)

    class Meta:
        verbose_name = verbose_name_plural = _("adendum")
        ordering = ["signed_on", "id"]
        constraints = [
            unique(
                ["agreement", "number"],
                name="addendum_number_unique_per_agreement",
                message=_("Nomor adendum ini sudah tercatat pada PKS ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"
