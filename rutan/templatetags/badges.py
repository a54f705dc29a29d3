"""`{% badge code label %}`: the one way a page draws a status badge (colours in rutan.badges)."""

from django import template

from rutan.badges import badge_class as _badge_class
from rutan.badges import badge_html

register = template.Library()


@register.simple_tag
def badge(code, label=None, testid: str = ""):
    """A badge for `code`, labelled `label` (or the choices member's own label)."""
    return badge_html(code, label, testid=testid)


@register.filter
def badge_class(code) -> str:
    """The badge colour of `code`, for a badge that holds more than a label (counts, times)."""
    return _badge_class(code)
