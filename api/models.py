"""API tokens: issued by the admin to a named organisation, for a region or the nation."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rutan.model_parts import user_link
from rutan.models import Region
from rutan.models import TimeStampedModel

TOKEN_PREFIX = "pulih_"


def token_hash(raw: str) -> str:
    """What is stored of a token: its SHA-256 (a random 256-bit token needs no slow hash)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def token_new() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> "ApiTokenQuerySet":
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(TimeStampedModel):
    """A token for an organisation's system (e.g. BNN's SIRENA) to read Pulih's figures.

    Each token acts through its own service account: an oversight user (kanwil of the region,
    or pusat) that cannot sign in, so the API reads through the same scoping rule as the pages
    and every call is written to the audit trail under that account.
    """

    organisation = models.CharField(_("organisasi"), max_length=200)
    region = models.ForeignKey(
        Region,
        verbose_name=_("kanwil"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Kosong: seluruh UPT (nasional)."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun layanan"),
        on_delete=models.PROTECT,
        related_name="api_token",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_hint = models.CharField(_("awal token"), max_length=12, editable=False)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    issued_by = user_link(_("diterbitkan oleh"), optional=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("token API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.scope_label}, {self.key_hint}…)"

    @property
    def scope_label(self) -> str:
        return self.region.name if self.region_id else str(_("nasional"))

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at", "updated_at"])
