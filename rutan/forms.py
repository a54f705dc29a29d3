from collections.abc import Sequence
from itertools import zip_longest

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column
from crispy_forms.layout import Layout
from crispy_forms.layout import Row
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from rutan import dates
from rutan.models import NotificationKind
from rutan.models import NotificationPreference


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates, which every locale accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def record_date_field(label, validator=dates.validate_record_date, **options) -> forms.DateField:
    """A date of a record, picked on the calendar and checked as such dates are."""
    return forms.DateField(label=label, widget=DateInput(), validators=[validator], **options)


def form_helper(*layout) -> FormHelper:
    """Crispy's layout of a form whose <form> tag (and buttons) the page's template writes."""
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


def help_text_with(template: str, **values) -> SafeString:
    """`template` % `values` as a field's help text, the values escaped.

    Django and crispy print help text as HTML, unescaped: a name typed into a record (a
    cohort, a document, an imported cell) would otherwise run as markup on the form."""
    escaped = {key: conditional_escape(value) for key, value in values.items()}
    return mark_safe(str(template) % escaped)  # noqa: S308 — every value is escaped


def columns(*fields: str, widths: Sequence[int | None] = ()) -> Row:
    """`fields` side by side in one row. `widths`: each field's share in twelfths (col-md-N) on
    a medium screen, in order; a field without one (or None) shares what is left equally."""
    cells = zip_longest(fields, widths[: len(fields)])
    return Row(
        *(
            Column(name) if width is None else Column(name, css_class=f"col-md-{width}")
            for name, width in cells
        )
    )


class LoginForm(AuthenticationForm):
    # One message for a wrong password and an unknown user: no hint that the name exists.
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah."),
        "inactive": _("Nama pengguna atau kata sandi salah."),
    }


class NotificationPreferenceForm(forms.ModelForm):
    email_kinds = forms.MultipleChoiceField(
        label=_("Kirim juga lewat e-mail"),
        choices=NotificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = NotificationPreference
        fields = ["language", "email_kinds"]
