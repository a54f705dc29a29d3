"""What other apps add to a participant's page: context for the template, by app.

A part is a function `(participant, user) -> dict` registered with `@page_part(order)`; apps keep
theirs in their own `participant_page.py` (found by ParticipantsConfig.ready), so participants
imports none of the apps above it.
"""

from collections.abc import Callable

from participants.models import Participant
from rutan.registry import Registry

page_part: Registry[Callable[[Participant, object], dict]] = Registry()


def page_parts_context(participant: Participant, user) -> dict:
    """Every app's context for the participant's page."""
    context: dict = {}
    for _name, part in page_part.items():
        context.update(part(participant, user))
    return context
