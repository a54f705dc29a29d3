"""Default SDP formats of registration numbers: the register without dots, a dot, the
number, a slash and the year (AIII.123/2025, BIIa.45/2026); the dot after the letter is
optional (A.III.123/2025). Administrators adjust them in the Django admin."""

from django.db import migrations

FORMATS = {
    "A.I": ("AI", "AI.123/2026"),
    "A.II": ("AII", "AII.123/2026"),
    "A.III": ("AIII", "AIII.123/2026"),
    "A.IV": ("AIV", "AIV.123/2026"),
    "A.V": ("AV", "AV.123/2026"),
    "B.I": ("BI", "BI.123/2026"),
    "B.IIa": ("BII[aA]", "BIIa.123/2026"),
    "B.IIb": ("BII[bB]", "BIIb.123/2026"),
    "B.III": ("BIII", "BIII.123/2026"),
}


def pattern_for(prefix: str) -> str:
    letter, roman = prefix[0], prefix[1:]
    return rf"^{letter}\.?{roman}\.\d{{1,6}}/\d{{4}}$"


def seed(apps, schema_editor):
    RegisterFormat = apps.get_model("participants", "RegisterFormat")
    for register_type, (prefix, example) in FORMATS.items():
        RegisterFormat.objects.get_or_create(
            register_type=register_type,
            defaults={"pattern": pattern_for(prefix), "example": example},
        )


def unseed(apps, schema_editor):
    apps.get_model("participants", "RegisterFormat").objects.filter(
        register_type__in=list(FORMATS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("participants", "0008_register_formats")]

    operations = [migrations.RunPython(seed, unseed)]
