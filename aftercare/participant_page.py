"""What aftercare adds to a participant's page (see participants.page_parts)."""

from aftercare.permissions import HANDOVER_MAKERS
from participants.models import Participant
from participants.page_parts import page_part


@page_part(30)
def handover_part(participant: Participant, user) -> dict:
    return {"may_hand_over": user.has_role(*HANDOVER_MAKERS)}
