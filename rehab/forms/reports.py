"""Choosing a facility and a month for the monthly report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rehab.forms.evaluations import MonthField
from rutan.models import Facility


class MonthlyReportForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("UPT"),
        queryset=Facility.objects.none(),
        to_field_name="code",
        empty_label=None,
    )
    month = MonthField(label=_("Bulan"))

    def __init__(self, *args, facilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        self.fields["facility"].error_messages["invalid_choice"] = _("Pilih UPT dari daftar.")
