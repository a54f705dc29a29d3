"""The roles of Pulih, held as Django groups."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PETUGAS = "petugas", _("Petugas rutan")
    FASILITATOR = "fasilitator", _("Fasilitator mitra")
    KEPALA = "kepala", _("Kepala rutan")
    ADMIN = "admin", _("Administrator")
    KANWIL = "kanwil", _("Kanwil (wilayah)")
    PUSAT = "pusat", _("Ditjenpas (pusat)")
    BAPAS = "bapas", _("Petugas Bapas")


# Staff of a facility see that facility's data; a facilitator sees what their partner delivers.
FACILITY_ROLES = frozenset({Role.PETUGAS, Role.KEPALA})
# Read-only oversight of many facilities: a Kanwil its region's, Ditjenpas (pusat) every one.
# They read aggregates and a facility's dashboard, reports and agreements, never a person's file.
OVERSIGHT_ROLES = frozenset({Role.KANWIL, Role.PUSAT})
# The roles that work inside a facility or a partner (pages about people and sessions); a Bapas
# user only reads what is handed over (aftercare.permissions), so pages open to "all roles"
# stay closed to it.
ALL_ROLES = tuple(role for role in Role if role not in OVERSIGHT_ROLES and role != Role.BAPAS)
# Oversight roles sign in with a second factor (TOTP) whenever settings.OTP_REQUIRED is on.
SECOND_FACTOR_ROLES = frozenset({Role.KEPALA, Role.ADMIN, *OVERSIGHT_ROLES})


# Django-admin permissions per role, as (app label, action) pairs; "*" is every model of the app.
# The web pages check roles and scope themselves; these only open the admin to the right people.
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    Role.ADMIN: [
        (app, action)
        for app in ("rutan", "rehab", "participants", "rehab_sessions", "auth", "axes")
        for action in ("add", "change", "delete", "view")
    ],
    # The kepala reads everything of their facility on the pages; the admin is not scoped.
    Role.KEPALA: [],
    Role.PETUGAS: [],
    Role.FASILITATOR: [],
    Role.KANWIL: [],
    Role.PUSAT: [],
    Role.BAPAS: [],
}


def sync_role_permissions(apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the role groups and give each exactly its permissions; running it again changes nothing.

    Called on post_migrate (rutan.apps); the early data migrations that called it still do.
    """
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=global_apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        perms = Permission.objects.using(using).none()
        for app_label, action in grants:
            perms = perms | Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__startswith=f"{action}_"
            )
        group.permissions.set(perms)
