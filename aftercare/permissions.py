"""Who may hand a participant over to a Bapas, and who reads the handovers."""

from django.utils.translation import gettext_lazy as _

from rutan.navigation import nav_item
from rutan.permissions import role_required
from rutan.roles import Role

HANDOVER_MAKERS = (Role.KEPALA, Role.ADMIN)
# Facility staff read their facility's handovers; a Bapas user those handed to their office.
HANDOVER_READERS = (Role.BAPAS, Role.KEPALA, Role.PETUGAS, Role.ADMIN)

can_hand_over = role_required(*HANDOVER_MAKERS)
can_read_handovers = role_required(*HANDOVER_READERS)

# Follow-up contacts are the Bapas' own work.
FOLLOW_UP_WRITERS = (Role.BAPAS, Role.ADMIN)
can_follow_up = role_required(*FOLLOW_UP_WRITERS)

# Petugas open a handover from the participant's page; the bar's entry is for those who make or
# receive them.
nav_item(100, _("Bapas"), "aftercare:list", (Role.BAPAS, *HANDOVER_MAKERS))
