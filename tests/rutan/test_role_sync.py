"""Role permissions are synced after every migrate, not by a migration that depends on every app."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.auth.models import Permission
from django.core.management import call_command

from rutan.roles import ROLE_PERMISSIONS
from rutan.roles import Role

pytestmark = pytest.mark.django_db


def _expected(role: str) -> set[str]:
    """The permissions ROLE_PERMISSIONS grants `role`, as app_label.codename."""
    found = set()
    for app_label, action in ROLE_PERMISSIONS[role]:
        found |= {
            f"{app_label}.{codename}"
            for codename in Permission.objects.filter(
                content_type__app_label=app_label, codename__startswith=f"{action}_"
            ).values_list("codename", flat=True)
        }
    return found


def _held(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.mark.parametrize("role", list(Role))
def test_it_gives_every_role_its_permissions_on_a_fresh_migrate(role):
    assert _held(role) == _expected(role)


def test_it_gives_the_admin_the_permissions_of_every_model_of_its_apps():
    # Models added after the last sync migration (e.g. the import jobs) still reach the admin.
    for model in apps.get_app_config("participants").get_models():
        assert f"participants.view_{model._meta.model_name}" in _held(Role.ADMIN)


def test_it_restores_a_role_on_the_next_migrate_and_changes_nothing_twice():
    Group.objects.get(name=Role.ADMIN).permissions.clear()
    Group.objects.filter(name=Role.BAPAS).delete()
    call_command("migrate", verbosity=0)
    after_first = {role: _held(role) for role in Role}
    call_command("migrate", verbosity=0)
    assert {role: _held(role) for role in Role} == after_first
    assert after_first[Role.ADMIN] == _expected(Role.ADMIN)
    assert after_first[Role.BAPAS] == set()
