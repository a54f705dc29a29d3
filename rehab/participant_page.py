"""What rehab adds to a participant's page (see participants.page_parts)."""

from participants.models import Participant
from participants.page_parts import page_part
from rehab.permissions import may_read_reports
from rehab.relapse import participant_relapse_trend


@page_part(20)
def reports_part(participant: Participant, user) -> dict:
    return {
        "may_print_dossier": may_read_reports(user),
        "relapse_trend": participant_relapse_trend(participant),
    }
