from django.db.models import Count, Q

from participants.models import Enrollment, Participant
from rutan.home import Panel
from rutan.roles import Role
from rutan.scoping import scope_queryset


def panels(user) -> list[Panel]:
    if not user.has_role(Role.PETUGAS, Role.KEPALA, Role.ADMIN):
        return []
    participants = scope_queryset(user, Participant.objects.all(), facility="facility")
    counts = participants.aggregate(
        total=Count("id", distinct=True),
        active=Count(
            "enrollments",
            filter=Q(enrollments__status=Enrollment.Status.ACTIVE),
            distinct=True,
        ),
    )
    return [Panel("participants/_home_panel.html", {"counts": counts}, order=20)]
