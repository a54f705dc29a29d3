"""Evaluations on a participant's timeline (registered with participants.timeline)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from participants.timeline import TimelineEntry
from participants.timeline import timeline_source
from rehab.models import Evaluation
from rehab.models import ReviewStatus
from rutan.dates import facility_date

TONES = {
    ReviewStatus.APPROVED: "primary",
    ReviewStatus.SUBMITTED: "info",
    ReviewStatus.RETURNED: "warning",
}


@timeline_source(40)
def evaluation_entries(participant, user) -> list:
    """Each evaluation of the participant, dated by when it was written (at the facility)."""
    evaluations = Evaluation.objects.filter(enrollment__participant=participant).select_related(
        "author", "enrollment__cohort"
    )
    return [
        TimelineEntry(
            on=facility_date(evaluation.created_at, participant.facility),
            kind="evaluation",
            title=_("Evaluasi %(kind)s %(period)s: %(recommendation)s")
            % {
                "kind": evaluation.get_kind_display().lower(),
                "period": evaluation.period.strftime("%m/%Y"),
                "recommendation": evaluation.get_recommendation_display().lower(),
            },
            detail=_("%(cohort)s · %(status)s")
            % {"cohort": evaluation.enrollment.cohort, "status": evaluation.get_status_display()},
            url=reverse("rehab:evaluation_detail", args=[evaluation.pk]),
            tone=TONES.get(evaluation.status, "secondary"),
            actor=str(evaluation.author),
            at=evaluation.created_at,
        )
        for evaluation in evaluations
    ]
