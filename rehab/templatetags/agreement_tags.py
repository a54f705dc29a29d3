from django import template
from django.utils.html import format_html

from rehab.models import Agreement

register = template.Library()

BADGE_CLASSES = {
    Agreement.Status.DRAFT: "text-bg-secondary",
    Agreement.Status.ACTIVE: "text-bg-success",
    Agreement.Status.EXPIRING: "text-bg-warning",
    Agreement.Status.EXPIRED: "text-bg-dark",
    Agreement.Status.TERMINATED: "text-bg-danger",
}


@register.simple_tag
def agreement_status_badge(status: str) -> str:
    """A coloured badge for an agreement status code (computed or from status_on)."""
    try:
        label = Agreement.Status(status).label
    except ValueError:
        return ""
    return format_html(
        '<span class="badge {}" data-testid="agreement-status" data-status="{}">{}</span>',
        BADGE_CLASSES[status],
        status,
        label,
    )
