"""`{% error_summary form %}`: why the form was not saved, first on the page (GOV.UK pattern).

A refusal of the whole form (a non-field error) is said there once: the summary marks the form,
and crispy's own alert for such errors (templates/bootstrap5/errors.html) then stays silent.
"""

from django import template

register = template.Library()


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form, intro=None):
    form.errors_summarised = True
    return {"form": form, "intro": intro}
