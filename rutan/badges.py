"""The one colour of every status word a badge shows, across the apps.

A status word means the same everywhere (an active enrolment and an active agreement are both
green), so one table keyed by the code serves enrolments, risk levels, agreements, sessions,
attendance, evaluations and import jobs alike.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

BADGE_CLASSES = {
    # good, done
    "active": "text-bg-success",
    "approved": "text-bg-success",
    "done": "text-bg-success",
    "held": "text-bg-success",
    "low": "text-bg-success",
    "present": "text-bg-success",
    # waiting, a warning
    "expiring": "text-bg-warning",
    "late": "text-bg-warning",
    "moderate": "text-bg-warning",
    "submitted": "text-bg-warning",
    "suspended": "text-bg-warning",
    "transferred": "text-bg-warning",
    # bad, ended badly
    "absent": "text-bg-danger",
    "cancelled": "text-bg-danger",
    "dropped_out": "text-bg-danger",
    "failed": "text-bg-danger",
    "high": "text-bg-danger",
    "returned": "text-bg-danger",
    "terminated": "text-bg-danger",
    # information
    "completed": "text-bg-primary",
    "court": "text-bg-primary",
    "enrolled": "text-bg-info",
    "excused": "text-bg-info",
    "sick": "text-bg-info",
    "expired": "text-bg-dark",
    "screened": "text-bg-light border",
    # not started yet, or over
    "draft": "text-bg-secondary",
    "planned": "text-bg-secondary",
    "released": "text-bg-secondary",
}
DEFAULT_CLASS = "text-bg-secondary"
NONE = mark_safe('<span class="text-body-secondary">—</span>')  # noqa: S308 — a constant


def badge_class(code: str | None) -> str:
    """The Bootstrap classes of the badge for `code`."""
    return BADGE_CLASSES.get(str(code or ""), DEFAULT_CLASS)


def badge_html(code, label=None, *, testid: str = "") -> SafeString:
    """A coloured badge for a status code (a choices member carries its own label); a dash for none."""
    if not code:
        return NONE
    if label is None:
        label = getattr(code, "label", code)
    testid_attr = format_html(' data-testid="{}"', testid) if testid else ""
    return format_html(
        '<span class="badge {}"{} data-status="{}">{}</span>',
        badge_class(code),
        testid_attr,
        code,
        label,
    )
