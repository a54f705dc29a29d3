from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RutanConfig(AppConfig):
    name = "rutan"
    verbose_name = _("Inti: UPT, pengguna dan peran")

    def ready(self) -> None:
        from rutan import db  # noqa: F401  (connects the loader for out-of-range dates)
