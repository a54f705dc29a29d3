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
@register.simple_tag
def status_buttons(field, choices, pid):
    """The attendance statuses of one person as radio buttons (`field`: its bound field)."""
    checked = field.value()
    return mark_safe(  # noqa: S308 — every value below is escaped
        "".join(
            f'<input type="radio" class="btn-check" name="{escape(field.html_name)}" '
            f'id="s-{pid}-{escape(code)}" value="{escape(code)}" autocomplete="off"'
            f"{' checked' if checked == code else ''}>"
            f'<label class="btn {button_class(code)}" for="s-{pid}-{escape(code)}">'
            f"{escape(label)}</label>"
            for code, label in choices
        )
    )


@register.simple_tag
def engagement_buttons(field, choices, pid, current):
    """One person's engagement (1–5, or not observed) as radio buttons."""
    unobserved = escape(_("tidak diamati"))
    parts = []
    for value, label in choices:
        suffix = escape(value) if value else "none"
        kind = "btn-outline-success" if value else "btn-outline-secondary"
        hint = "" if value else f' title="{unobserved}" aria-label="{unobserved}"'
        parts.append(
            f'<input type="radio" class="btn-check" name="{escape(field.html_name)}" '
            f'id="e-{pid}-{suffix}" value="{escape(value)}" autocomplete="off"'
            f"{' checked' if current == value else ''}>"
            f'<label class="btn {kind} engagement-btn" for="e-{pid}-{suffix}"{hint}>'
            f"{escape(label)}</label>"
        )
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped
