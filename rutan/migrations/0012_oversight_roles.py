from django.db import migrations

from rutan.roles import sync_role_permissions


def sync_roles(apps, schema_editor):
    # Creates the groups of the new oversight roles, kanwil and pusat.
    sync_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [("rutan", "0011_load_regions")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
