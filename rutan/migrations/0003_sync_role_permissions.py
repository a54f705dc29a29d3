from django.db import migrations

from rutan.roles import sync_role_permissions


def sync_roles(apps, schema_editor):
    # Models added since 0002 (register changes, addenda, evaluations…) get their role permissions.
    sync_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("rutan", "0002_roles"),
        ("participants", "0003_register_changes_enrolment_transitions_consent_withdrawal"),
        ("rehab", "0004_evaluations"),
        ("rehab_sessions", "0003_catch_up_series_and_sheet_version"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
