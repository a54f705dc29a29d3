"""Small display helpers for the participant pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from participants.models import Enrollment, RiskLevel

register = template.Library()

NONE = mark_safe('<span class="text-body-secondary">—</span>')  # noqa: S308 — a constant

RISK_CLASSES = {
    RiskLevel.LOW: "text-bg-success",
    RiskLevel.MODERATE: "text-bg-warning",
    RiskLevel.HIGH: "text-bg-danger",
}
STATUS_CLASSES = {
    Enrollment.Status.SCREENED: "text-bg-light border",
    Enrollment.Status.ENROLLED: "text-bg-info",
    Enrollment.Status.ACTIVE: "text-bg-success",
    Enrollment.Status.SUSPENDED: "text-bg-warning",
    Enrollment.Status.COMPLETED: "text-bg-primary",
    Enrollment.Status.DROPPED_OUT: "text-bg-danger",
    Enrollment.Status.TRANSFERRED: "text-bg-warning",
    Enrollment.Status.RELEASED: "text-bg-secondary",
}


@register.simple_tag
def risk_badge(risk: str | None):
    """A coloured badge for a risk level; a dash when there is no screening."""
    if not risk:
        return NONE
    return format_html(
        '<span class="badge {}" data-risk="{}">{}</span>',
        RISK_CLASSES.get(risk, "text-bg-secondary"),
        risk,
        RiskLevel(risk).label,
    )


@register.simple_tag
def status_badge(status: str | None):
    if not status:
        return NONE
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>',
        STATUS_CLASSES.get(status, "text-bg-secondary"),
        status,
        Enrollment.Status(status).label,
    )


@register.filter
def action_label(action: str) -> str:
    return Enrollment.ACTION_LABELS.get(action, action)
