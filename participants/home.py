from participants import selectors
from participants.release import leaving_count
from participants.views.common import READ_ROLES
from rutan.home import Panel


def panels(user) -> list[Panel]:
    if not user.has_role(*READ_ROLES):
        return []
    participants = selectors.participants_for(user)
    counts = {
        "total": participants.count(),
        "active": selectors.active_count(participants, on=selectors.today_for(user)),
        "risk": selectors.risk_counts(participants),
        "exit_due": selectors.screenings_due(participants),
        "recap_review": participants.recap_to_review().count(),
        "leaving": leaving_count(participants, today=selectors.today_for(user), days=30),
    }
    return [Panel("participants/_home_panel.html", {"counts": counts}, order=20)]
