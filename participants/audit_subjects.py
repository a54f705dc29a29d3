"""How the audit trail (rutan.audit_trail) finds and labels the participants it names."""

from participants.models import Participant
from rutan.audit_trail import ParticipantLookup
from rutan.audit_trail import participant_lookup_register


def participants_matching(user, text: str) -> list[int]:
    found = Participant.objects.visible_to(user)
    matches = found.search(text)
    if text.isdigit():  # the id in a link from the participant's page
        matches = matches | found.filter(pk=int(text))
    return list(matches.values_list("pk", flat=True)[:500])


def participant_labels(user, pks: set[int]) -> dict[int, str]:
    found = Participant.objects.filter(pk__in=pks).visible_to(user)
    return {p.pk: f"{p.registration_number} — {p.name}" for p in found}


participant_lookup_register(ParticipantLookup(participants_matching, participant_labels))
