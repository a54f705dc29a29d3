from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Warga binaan peserta")

    def ready(self) -> None:
        # Every app's timeline.py registers its sources of a participant's timeline entries, and
        # its participant_page.py what it adds to the page (participants.page_parts).
        autodiscover_modules("timeline", "participant_page")
        # Imported for its effect: tells the audit trail how to find participants.
        from participants import audit_subjects  # noqa: F401
