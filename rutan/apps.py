from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class RutanConfig(AppConfig):
    name = "rutan"
    verbose_name = _("Inti: UPT, pengguna dan peran")

    def ready(self) -> None:
        from rutan import db  # noqa: F401  (connects the loader for out-of-range dates)


class PulihAdminConfig(admin_apps.AdminConfig):
    """The Django admin, open to superusers and administrators only (see `PulihAdminSite`)."""

    default = False  # named in INSTALLED_APPS; RutanConfig stays this module's default

    default_site = "rutan.admin_site.PulihAdminSite"
