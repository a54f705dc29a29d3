from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rutan.roles import Role


class TimeStampedModel(models.Model):
    """Creation and last-change times for every table people edit."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


INDONESIAN_ZONES = [
    ("Asia/Jakarta", _("WIB (Asia/Jakarta)")),
    ("Asia/Makassar", _("WITA (Asia/Makassar)")),
    ("Asia/Jayapura", _("WIT (Asia/Jayapura)")),
]


class Facility(TimeStampedModel):
    """A correctional facility (UPT Pemasyarakatan)."""

    class Kind(models.TextChoices):
        RUTAN = "rutan", _("Rumah Tahanan Negara (Rutan)")
        LAPAS = "lapas", _("Lembaga Pemasyarakatan (Lapas)")
        LPKA = "lpka", _("Lembaga Pembinaan Khusus Anak (LPKA)")
        LPP = "lpp", _("Lembaga Pemasyarakatan Perempuan (LPP)")
        BAPAS = "bapas", _("Balai Pemasyarakatan (Bapas)")

    name = models.CharField(_("nama"), max_length=200)
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.RUTAN)
    city = models.CharField(_("kota"), max_length=100)
    address = models.TextField(_("alamat"), blank=True)
    timezone = models.CharField(
        _("zona waktu"), max_length=40, choices=INDONESIAN_ZONES, default="Asia/Makassar"
    )
    head_name = models.CharField(_("nama kepala"), max_length=200, blank=True)
    # UU PDP Pasal 42–44: how long a participant's identity is kept after release or the end
    # of their programme, before `anonymise_expired` removes it.
    retention_months = models.PositiveSmallIntegerField(
        _("masa retensi data (bulan)"),
        default=60,
        db_default=60,  # rows written by code that predates the column get it too
        validators=[MinValueValidator(6), MaxValueValidator(600)],
        help_text=_(
            "Berapa bulan setelah bebas atau program berakhir identitas warga binaan disimpan "
            "sebelum dianonimkan."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("UPT")
        verbose_name_plural = _("UPT")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BapasOffice(TimeStampedModel):
    """A probation office (Balai Pemasyarakatan) that takes over people after they leave."""

    name = models.CharField(_("nama Bapas"), max_length=200, unique=True)
    city = models.CharField(_("kota"), max_length=100, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    head_name = models.CharField(_("nama kepala"), max_length=200, blank=True)
    facilities = models.ManyToManyField(
        Facility, verbose_name=_("UPT yang dilayani"), related_name="bapas_offices", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bapas")
        verbose_name_plural = _("Bapas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in: staff of a facility, or a partner's facilitator."""

    facility = models.ForeignKey(
        Facility,
        verbose_name=_("UPT"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    partner = models.ForeignKey(
        "rehab.Partner",
        verbose_name=_("mitra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    bapas_office = models.ForeignKey(
        "rutan.BapasOffice",
        verbose_name=_("Bapas"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        """The role names this user holds (group names that are roles)."""
        names = {group.name for group in self.groups.all()}
        if self.is_superuser:
            names.add(Role.ADMIN)
        return frozenset(names & set(Role.values))

    @property
    def role(self) -> str | None:
        """The user's main role; the most powerful one when several are held."""
        for role in (Role.ADMIN, Role.KEPALA, Role.PETUGAS, Role.FASILITATOR, Role.BAPAS):
            if role in self.roles:
                return role
        return None

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


class AuditEvent(models.Model):
    """Who looked at or did something sensitive, and when (e.g. opened a NIK)."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.PROTECT, related_name="+"
    )
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("UPT"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("tindakan"), max_length=60)
    object_type = models.CharField(_("jenis objek"), max_length=60)
    object_id = models.CharField(_("ID objek"), max_length=40)
    detail = models.CharField(_("rincian"), max_length=300, blank=True)
    # The participant the object is about (a plain id: the core app does not depend on
    # participants, and the row must outlive any change to the person's record).
    participant_pk = models.PositiveBigIntegerField(
        _("ID warga binaan"), null=True, blank=True, db_index=True
    )
    address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_type}#{self.object_id}"
