"""Handover form: input checks only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aftercare.models import Handover
from participants.forms import DateInput


class HandoverForm(forms.Form):
    bapas_office = forms.ModelChoiceField(label=_("Bapas"), queryset=None)
    reason = forms.ChoiceField(label=_("Dasar keluar"), choices=Handover.Reason.choices)
    handed_over_on = forms.DateField(label=_("Tanggal serah terima"), widget=DateInput())
    recommendations = forms.CharField(
        label=_("Rekomendasi untuk Bapas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    include_nik = forms.BooleanField(
        label=_("Sertakan NIK dalam berkas"),
        required=False,
        help_text=_("Tanpa centang, Bapas tidak melihat NIK warga binaan."),
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bapas_office"].queryset = offices
