from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RutanConfig(AppConfig):
    name = "rutan"
    verbose_name = _("Inti: UPT, pengguna dan peran")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rutan import db  # noqa: F401  (connects the loader for out-of-range dates)
        from rutan.middleware import SessionRefreshMiddleware

        # Session housekeeping, not business logic: the login saves the session anyway.
        user_logged_in.connect(
            SessionRefreshMiddleware.stamp_at_login, dispatch_uid="pulih_session_stamp"
        )
