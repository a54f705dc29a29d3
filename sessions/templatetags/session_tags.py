"""Show a session's times in its facility's zone, whoever looks at it."""

from django import template
from django.templatetags.tz import do_timezone
from django.utils.dateformat import format as date_format

from rutan.badges import badge_class

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


# The colour of a status lives in rutan.badges; session pages load it from here too.
badge_class = register.filter("badge_class", badge_class)


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
