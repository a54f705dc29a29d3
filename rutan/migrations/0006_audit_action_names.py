from django.db import migrations

# One naming style, `<object>.<verb>`, for the actions written before it was set.
RENAMES = {
    "dossier_pdf": "dossier.download",
    "agreement_document_download": "agreement.download_document",
    "attendance_correct": "attendance.correct",
    "session_overlap_confirm": "session.confirm_overlap",
}


def rename(apps, schema_editor):
    AuditEvent = apps.get_model("rutan", "AuditEvent")
    for old, new in RENAMES.items():
        AuditEvent.objects.filter(action=old).update(action=new)


class Migration(migrations.Migration):
    dependencies = [("rutan", "0005_audit_address_and_participant")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
