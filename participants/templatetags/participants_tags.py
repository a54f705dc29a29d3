"""Small display helpers for the participant pages."""

from django import template

from participants.models import Enrollment
from participants.models import RiskLevel

register = template.Library()


@register.filter
def as_risk(code: str | None) -> RiskLevel | None:
    """A risk code (say from an annotation) as its choice, for `{% badge %}`; None for none."""
    return RiskLevel(code) if code else None


@register.filter
def as_enrollment_status(code: str | None) -> Enrollment.Status | None:
    """An enrolment status code as its choice, for `{% badge %}`; None for none."""
    return Enrollment.Status(code) if code else None


@register.filter
def action_label(action: str) -> str:
    return Enrollment.ACTION_LABELS.get(action, action)
