# The PP 25/2011 recap fields move from free text to codes (participants/vocabularies.py).
# Text that points at exactly one code is mapped; the rest is kept in recap_unmapped and listed
# for review on the "Tinjau isian rekap" page. Durations in years become months.

from django.db import migrations

from participants.vocabularies import CODED_FIELDS, guess_code, lookup


def to_codes(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    changed = []
    for participant in Participant.objects.all().iterator(chunk_size=500):
        unmapped = dict(participant.recap_unmapped or {})
        for name in CODED_FIELDS:
            text = " ".join((getattr(participant, name) or "").split())
            if not text:
                continue
            code = guess_code(name, text)
            if code is None:
                unmapped[name] = text
            if (
                name == "treatment_history"
                and lookup(name, text) is None
                and not participant.treatment_history_detail
            ):
                # The detail (where, when, how it ended) is worth keeping beside the code.
                participant.treatment_history_detail = text
            setattr(participant, name, code or "")
        participant.recap_unmapped = unmapped
        if participant.use_duration_years is not None:
            participant.use_duration_months = participant.use_duration_years * 12
        changed.append(participant)
    Participant.objects.bulk_update(
        changed,
        [
            *CODED_FIELDS,
            "treatment_history_detail",
            "recap_unmapped",
            "use_duration_months",
        ],
        batch_size=500,
    )


def to_text(apps, schema_editor):
    """Back to free text: the old text where it was kept, else the code's label."""
    from participants.vocabularies import VOCABULARY_OF

    Participant = apps.get_model("participants", "Participant")
    for participant in Participant.objects.all().iterator(chunk_size=500):
        for name in CODED_FIELDS:
            labels = dict(VOCABULARY_OF[name].choices)
            value = getattr(participant, name)
            text = (participant.recap_unmapped or {}).get(name) or str(labels.get(value, value))
            if name == "treatment_history" and participant.treatment_history_detail:
                text = participant.treatment_history_detail
            setattr(participant, name, text)
        if participant.use_duration_months is not None:
            participant.use_duration_years = participant.use_duration_months // 12
        participant.save()


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0004_recap_coded_fields"),
    ]

    operations = [
        migrations.RunPython(to_codes, to_text),
        migrations.RemoveField(
            model_name="historicalparticipant",
            name="use_duration_years",
        ),
        migrations.RemoveField(
            model_name="participant",
            name="use_duration_years",
        ),
    ]
