from django.db import models
from django.utils.translation import gettext_lazy as _

from rutan import dates
from rutan.model_parts import bounded_date
from rutan.models import TrackedModel


class Partner(TrackedModel):
    """A partner organisation that delivers programmes (e.g. Yayasan SEKATA)."""

    name = models.CharField(_("nama organisasi"), max_length=200, unique=True)
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    legal_form = models.CharField(_("bentuk badan hukum"), max_length=100, blank=True)
    legal_number = models.CharField(_("nomor pengesahan badan hukum"), max_length=120, blank=True)
    legal_date = bounded_date(
        _("tanggal pengesahan badan hukum"), dates.validate_past_date, optional=True
    )
    tax_number = models.CharField(_("NPWP"), max_length=30, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    city = models.CharField(_("kota"), max_length=100, blank=True)
    leader_name = models.CharField(_("nama pimpinan"), max_length=200, blank=True)
    leader_title = models.CharField(_("jabatan pimpinan"), max_length=200, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    contact_name = models.CharField(_("narahubung"), max_length=200, blank=True)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=40, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("mitra")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name
