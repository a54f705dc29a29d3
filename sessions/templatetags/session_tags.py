"""Show a session's times in its facility's zone, whoever looks at it."""

from django import template
from django.templatetags.tz import do_timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


# The sheet and the notes page draw six buttons for each of up to 60 people: built here in one
# pass (a template loop per button cost most of those pages' rendering time).
def _radio(name: str, button_id: str, value, checked: bool, label, css: str, hint: str = "") -> str:
    """One radio input with its button-styled label; every value is escaped."""
    return (
        f'<input type="radio" class="btn-check" name="{escape(name)}" id="{escape(button_id)}" '
        f'value="{escape(value)}" autocomplete="off"{" checked" if checked else ""}>'
        f'<label class="btn {css}" for="{escape(button_id)}"{hint}>{escape(label)}</label>'
    )


@register.simple_tag
def status_buttons(field, choices, pid):
    """The attendance statuses of one person as radio buttons (`field`: its bound field)."""
    checked = field.value()
    buttons = (
        _radio(field.html_name, f"s-{pid}-{code}", code, checked == code, label, button_class(code))
        for code, label in choices
    )
    return mark_safe("".join(buttons))  # noqa: S308 — _radio escapes every value


@register.simple_tag
def engagement_buttons(field, choices, pid, current):
    """One person's engagement (1–5, or not observed) as radio buttons."""
    unobserved = escape(_("tidak diamati"))
    buttons = (
        _radio(
            field.html_name,
            f"e-{pid}-{value or 'none'}",
            value,
            current == value,
            label,
            "btn-outline-success engagement-btn"
            if value
            else "btn-outline-secondary engagement-btn",
            "" if value else f' title="{unobserved}" aria-label="{unobserved}"',
        )
        for value, label in choices
    )
    return mark_safe("".join(buttons))  # noqa: S308 — _radio escapes every value
