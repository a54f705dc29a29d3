from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def fill_latest_risk(apps, schema_editor):
    """Copy each participant's latest screening risk onto the new column."""
    Participant = apps.get_model("participants", "Participant")
    Screening = apps.get_model("participants", "Screening")
    latest = Screening.objects.filter(participant=OuterRef("pk")).order_by("-screened_on", "-id")
    Participant.objects.update(
        latest_risk=Coalesce(Subquery(latest.values("highest_risk")[:1]), Value(""))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0010_edit_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="latest_risk",
            field=models.CharField(
                blank=True,
                choices=[("low", "Rendah"), ("moderate", "Sedang"), ("high", "Tinggi")],
                editable=False,
                max_length=10,
                verbose_name="risiko skrining terakhir",
            ),
        ),
        migrations.RunPython(fill_latest_risk, migrations.RunPython.noop),
    ]
