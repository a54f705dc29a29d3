from django import template

from rehab.models import Agreement

register = template.Library()


@register.filter
def as_agreement_status(code: str) -> Agreement.Status | str:
    """An agreement status code (computed or from status_on) as its choice, for `{% badge %}`."""
    try:
        return Agreement.Status(code)
    except ValueError:
        return ""
