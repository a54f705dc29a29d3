from django.db import migrations, models


def drop_reasons_of_attended_rows(apps, schema_editor):
    """A present or late row keeps no reason: "Hadir: Demam" came from a status switched back."""
    Attendance = apps.get_model("rehab_sessions", "Attendance")
    Attendance.objects.filter(status__in=["present", "late"]).exclude(reason="").update(reason="")


class Migration(migrations.Migration):
    dependencies = [
        ("rehab_sessions", "0003_catch_up_series_and_sheet_version"),
    ]

    operations = [
        migrations.RunPython(drop_reasons_of_attended_rows, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="attendance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["excused", "sick", "court", "absent"]),
                    ("reason", ""),
                    _connector="OR",
                ),
                name="attendance_no_reason_when_attended",
            ),
        ),
    ]
