import secrets

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from rutan.model_parts import bounded_date
from rutan.model_parts import date_not_before
from rutan.model_parts import link
from rutan.model_parts import user_links
from rutan.models import Facility
from rutan.models import TrackedModel
from rutan.scoping import Scope
from rutan.scoping import ScopedQuerySet


class ProgrammeQuerySet(ScopedQuerySet):
    scope = Scope(facility="facility", partner="partner")


class Programme(TrackedModel):
    """A rehabilitation programme run at one facility with one partner."""

    facility = link(Facility, _("UPT"), "programmes")
    partner = link("rehab.Partner", _("mitra"), "programmes")
    agreement = link("rehab.Agreement", _("perjanjian kerja sama"), "programmes", optional=True)
    name = models.CharField(_("nama program"), max_length=200)
    start_date = bounded_date(_("tanggal mulai"))
    end_date = bounded_date(_("tanggal selesai"), optional=True)
    description = models.TextField(_("uraian"), blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("program")
        ordering = ["-start_date", "name"]
        constraints = [
            date_not_before(
                "end_date", "start_date", name="programme_ends_after_start", optional=True
            )
        ]

    def __str__(self) -> str:
        return self.name


def module_material_path(instance, filename: str) -> str:
    """A random name: the uploader's file name never reaches the storage or a URL."""
    return f"modules/{secrets.token_hex(16)}.pdf"


class Module(TrackedModel):
    """One unit of the curriculum library (e.g. "10 Hal Berbahaya dalam Proses Recovery")."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    summary = models.TextField(_("ringkasan"), blank=True)
    objectives = models.TextField(_("tujuan pembelajaran"), blank=True)
    methods = models.TextField(_("metode penyampaian"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durasi (menit)"), default=90)
    # Served only through rehab:module_material, which checks the reader's access.
    materials = models.FileField(
        _("materi (PDF)"), upload_to=module_material_path, max_length=200, blank=True
    )
    materials_name = models.CharField(_("nama berkas materi"), max_length=200, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("modul")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def materials_download_name(self) -> str:
        """A safe attachment name built from the code, not from the uploaded name."""
        return f"materi-{slugify(self.code) or self.pk}.pdf"


class CohortQuerySet(ScopedQuerySet):
    scope = Scope(facility="programme__facility", partner="programme__partner")


class Cohort(TrackedModel):
    """An intake (angkatan) of participants going through a programme together."""

    programme = link(Programme, _("program"), "cohorts")
    name = models.CharField(_("nama angkatan"), max_length=200)
    start_date = bounded_date(_("tanggal mulai"))
    end_date = bounded_date(_("tanggal selesai"))
    capacity = models.PositiveSmallIntegerField(_("kapasitas"), default=40)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    facilitators = user_links(_("fasilitator"), "cohorts_facilitated")

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("angkatan")
        ordering = ["-start_date", "name"]
        constraints = [date_not_before("end_date", "start_date", name="cohort_ends_after_start")]

    def __str__(self) -> str:
        return self.name
