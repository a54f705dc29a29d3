import uuid

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rutan.model_parts import link
from rutan.model_parts import unique
from rutan.nip import validate_nip
from rutan.roles import Role
from rutan.scoping import Scope
from rutan.scoping import ScopedQuerySet


class TimeStampedModel(models.Model):
    """Creation and last-change times for every table people edit."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class TrackedModel(TimeStampedModel):
    """A table people edit whose every change is kept: who, when and what (its history table).

    The timeline, the stale-form check (rutan.versioning) and retention read that history.
    A model that keeps some column out of it declares its own `HistoricalRecords`.
    """

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class BackgroundJob(TimeStampedModel):
    """Work a worker does for one person (rutan.jobs), who waits on its page or comes back later.

    The row carries the job's state: its UUID names the page that shows it, its status says
    whether the worker is still at it, and `message` why it failed.
    """

    # The statuses in which the worker is still at it.
    RUNNING: tuple[str, ...] = ()

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING


INDONESIAN_ZONES = [
    ("Asia/Jakarta", _("WIB (Asia/Jakarta)")),
    ("Asia/Makassar", _("WITA (Asia/Makassar)")),
    ("Asia/Jayapura", _("WIT (Asia/Jayapura)")),
]


class RegionQuerySet(ScopedQuerySet):
    # Through its facilities: a Kanwil sees its own region (rows repeat per facility: distinct()).
    scope = Scope(facility="facilities")


class Region(TimeStampedModel):
    """A province and its regional office (Kanwil Ditjenpas); every facility belongs to one."""

    code = models.CharField(_("kode provinsi"), max_length=2, unique=True)
    name = models.CharField(_("provinsi"), max_length=100)
    abbreviation = models.CharField(_("singkatan"), max_length=8, blank=True)
    timezone = models.CharField(
        _("zona waktu"), max_length=40, choices=INDONESIAN_ZONES, default="Asia/Jakarta"
    )
    # Position of the province's tile on the cartogram (rutan/cartogram.py).
    grid_row = models.PositiveSmallIntegerField(_("baris peta"), default=0)
    grid_col = models.PositiveSmallIntegerField(_("kolom peta"), default=0)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("kanwil")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(_("Kanwil %(province)s") % {"province": self.name})


class FacilityQuerySet(ScopedQuerySet):
    scope = Scope(facility="pk")


class Facility(TrackedModel):
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
    # Printed on the letterhead of every PDF the facility issues (templates/includes/letterhead.html).
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("pos-el"), blank=True)
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
    region = link(Region, _("kanwil"), "facilities", optional=True)

    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("UPT")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BapasOffice(TrackedModel):
    """A probation office (Balai Pemasyarakatan) that takes over people after they leave."""

    name = models.CharField(_("nama Bapas"), max_length=200, unique=True)
    city = models.CharField(_("kota"), max_length=100, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    head_name = models.CharField(_("nama kepala"), max_length=200, blank=True)
    facilities = models.ManyToManyField(
        Facility, verbose_name=_("UPT yang dilayani"), related_name="bapas_offices", blank=True
    )

    class Meta:
        verbose_name = verbose_name_plural = _("Bapas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def _place(to, verbose_name) -> models.ForeignKey:
    """An optional link that places a user: their facility, partner, Kanwil or Bapas office."""
    return link(to, verbose_name, "users", optional=True)


class User(AbstractUser):
    """A person who signs in: staff of a facility, or a partner's facilitator."""

    facility = _place(Facility, _("UPT"))
    partner = _place("rehab.Partner", _("mitra"))
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    # Civil servants sign documents with their NIP under their name; partner staff have none.
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[validate_nip],
        help_text=_("Nomor Induk Pegawai (18 angka), dicetak di bawah tanda tangan."),
    )
    # The region a Kanwil user oversees.
    region = _place(Region, _("kanwil"))
    bapas_office = _place("rutan.BapasOffice", _("Bapas"))
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = verbose_name_plural = _("pengguna")
        constraints = [unique(["nip"], name="user_nip_unique", condition=~models.Q(nip=""))]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        """The role names this user holds (group names that are roles)."""
        return self.roles_from(group.name for group in self.groups.all())

    def roles_from(self, group_names) -> frozenset[str]:
        """The roles given by these group names (read with the user by the auth backend)."""
        names = set(group_names)
        if self.is_superuser:
            names.add(Role.ADMIN)
        return frozenset(names & set(Role.values))

    @property
    def role(self) -> str | None:
        """The user's main role; the most powerful one when several are held."""
        for role in (
            Role.ADMIN,
            Role.PUSAT,
            Role.KANWIL,
            Role.KEPALA,
            Role.PETUGAS,
            Role.FASILITATOR,
            Role.BAPAS,
        ):
            if role in self.roles:
                return role
        return None

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


class AuditEventQuerySet(ScopedQuerySet):
    scope = Scope(facility="facility")


class AuditEvent(models.Model):
    """Who looked at or did something sensitive, and when (e.g. opened a NIK)."""

    user = link(User, _("pengguna"))
    facility = link(Facility, _("UPT"), optional=True)
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

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("catatan audit")
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_type}#{self.object_id}"


class NotificationKind(models.TextChoices):
    EVALUATION_DUE = "evaluation_due", _("Evaluasi jatuh tempo")
    AGREEMENT_EXPIRING = "agreement_expiring", _("PKS akan berakhir")
    REPEATED_ABSENCE = "repeated_absence", _("Alpa berulang")
    EVALUATION_RETURNED = "evaluation_returned", _("Evaluasi dikembalikan")
    EVALUATION_APPROVED = "evaluation_approved", _("Evaluasi disetujui")
    IMPORT_FINISHED = "import_finished", _("Impor selesai")
    FOLLOW_UP_DUE = "follow_up_due", _("Tindak lanjut Bapas jatuh tempo")


class Notification(models.Model):
    """One message in a person's in-app inbox (also sent by e-mail when they want it)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("jenis"), max_length=24, choices=NotificationKind.choices)
    # Makes each reminder once-only: the same key for the same person is never written twice.
    key = models.CharField(max_length=120)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat e-mail"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = verbose_name_plural = _("notifikasi")
        constraints = [unique(["user", "key"], name="notification_once_per_key")]

    def __str__(self) -> str:
        return self.title

    def mark_read(self, when) -> None:
        if self.read_at is None:
            self.read_at = when
            self.save(update_fields=["read_at"])


class NotificationPreference(models.Model):
    """Per person: the language of their messages, and which kinds also come by e-mail."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="notification_preference"
    )
    language = models.CharField(
        _("bahasa pesan"),
        max_length=8,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        default="id",
    )
    email_kinds = models.JSONField(_("jenis yang dikirim lewat e-mail"), default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("pengaturan notifikasi")

    def __str__(self) -> str:
        return str(self.user)


class DocumentNumber(models.Model):
    """The number a printed document got when it was first issued (the office's register).

    Numbers run per issuer, kind and year; a document printed again keeps its number, because
    it is found by its subject (the session, month or person it is about).
    """

    class Kind(models.TextChoices):
        ATTENDANCE = "DH", _("Daftar hadir")
        MONTHLY_REPORT = "LB", _("Laporan bulanan")
        TPP_DOSSIER = "TPP", _("Berkas Sidang TPP")
        RECAP = "REKAP", _("Rekap PP 25/2011")
        HANDOVER = "BST", _("Berkas serah terima Bapas")
        SUBJECT_ACCESS = "DP", _("Data pribadi subjek data")

    issuer = models.CharField(_("penerbit"), max_length=40)
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    subject = models.CharField(_("pokok"), max_length=80)
    number = models.CharField(_("nomor"), max_length=120)
    issued_on = models.DateField(_("tanggal terbit"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nomor dokumen")
        ordering = ["issuer", "kind", "-year", "-sequence"]
        constraints = [
            unique(["issuer", "kind", "year", "sequence"], name="document_number_once"),
            unique(["issuer", "kind", "subject"], name="document_number_per_subject"),
        ]

    def __str__(self) -> str:
        return self.number
