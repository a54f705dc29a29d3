from django.apps import AppConfig
from django.apps import apps as global_apps
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from rutan.middleware import SessionRefreshMiddleware
from rutan.roles import sync_role_permissions


def sync_roles_after_migrate(sender, using="default", apps=global_apps, **kwargs) -> None:
    """Give every role its permissions once all migrations ran (idempotent, so every migrate may).

    A flush (transactional tests) sends the signal without `apps`: the installed apps then.
    """
    sync_role_permissions(apps, using=using)


class RutanConfig(AppConfig):
    name = "rutan"
    verbose_name = _("Inti: UPT, pengguna dan peran")

    def ready(self) -> None:
        from rutan import db  # noqa: F401  (connects the loader for out-of-range dates)

        # Every app's permissions module adds its entries to the navigation (rutan.navigation), its
        # reminders module its daily reminders (rutan.notifications) and its cleanup module its
        # nightly clean-up steps (rutan.maintenance); each registry keeps its own order.
        autodiscover_modules("permissions", "reminders", "cleanup")
        # After every app's migrations, not in a migration: a new model's permissions then reach
        # the roles without a sync migration that depends on every app's latest one.
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="pulih_roles")
        # Session housekeeping, not business logic: the login saves the session anyway.
        user_logged_in.connect(
            SessionRefreshMiddleware.stamp_at_login, dispatch_uid="pulih_session_stamp"
        )


class PulihAdminConfig(admin_apps.AdminConfig):
    """The Django admin, open to superusers and administrators only (see `PulihAdminSite`)."""

    default = False  # named in INSTALLED_APPS; RutanConfig stays this module's default

    default_site = "rutan.admin_site.PulihAdminSite"
