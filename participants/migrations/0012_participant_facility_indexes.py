from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0011_participant_latest_risk"),
        ("rutan", "0003_sync_role_permissions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(
                fields=["facility", "name", "id"], name="participant_facility_name_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(
                fields=["facility", "cell_block"], name="participant_facility_block_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(
                fields=["facility", "latest_risk"], name="participant_facility_risk_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["name", "id"], name="participant_name_idx"),
        ),
    ]
