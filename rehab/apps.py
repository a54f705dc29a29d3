from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class RehabConfig(AppConfig):
    name = "rehab"
    verbose_name = _("Program rehabilitasi")

    def ready(self) -> None:
        # Every app's dashboard_parts.py registers what it adds to the dashboard
        # (rehab.reports.dashboard.dashboard_part).
        autodiscover_modules("dashboard_parts")
