from django.db import migrations

from rutan.roles import sync_role_permissions


def sync_roles(apps, schema_editor):
    # The kepala's admin view rights are gone from ROLE_PERMISSIONS: the admin is not scoped.
    sync_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [("rutan", "0003_sync_role_permissions")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
