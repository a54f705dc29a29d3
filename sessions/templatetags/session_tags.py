"""Show a session's times in its facility's zone, whoever looks at it."""

from django import template
from django.templatetags.tz import do_timezone
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def local(value, session):
    """`value` (an aware datetime) in the zone of `session`'s facility, for |date and |time."""
    if value in (None, ""):
        return value
    return do_timezone(value, session.zone_name)


@register.filter
def time_range(session) -> str:
    """ "09:00–11:00 WITA" in the session's own zone."""
    start = do_timezone(session.starts_at, session.zone_name)
    end = do_timezone(session.ends_at, session.zone_name)
    return f"{date_format(start, 'H:i')}–{date_format(end, 'H:i')} {session.zone_label}"


STATUS_CLASSES = {
    "planned": "text-bg-secondary",
    "held": "text-bg-success",
    "cancelled": "text-bg-danger",
    "present": "text-bg-success",
    "late": "text-bg-warning",
    "excused": "text-bg-info",
    "sick": "text-bg-info",
    "court": "text-bg-primary",
    "absent": "text-bg-danger",
}


@register.filter
def badge_class(code: str) -> str:
    return STATUS_CLASSES.get(code, "text-bg-light")


BUTTON_CLASSES = {
    "present": "btn-outline-success",
    "late": "btn-outline-warning",
    "excused": "btn-outline-info",
    "sick": "btn-outline-info",
    "court": "btn-outline-primary",
    "absent": "btn-outline-danger",
}


@register.filter
def button_class(code: str) -> str:
    return BUTTON_CLASSES.get(code, "btn-outline-secondary")
