from django.db import migrations

from rutan.roles import sync_role_permissions


def create_roles(apps, schema_editor):
    sync_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("rutan", "0001_initial"),
        ("rehab", "0002_initial"),
        ("participants", "0002_initial"),
        ("rehab_sessions", "0002_initial"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
