"""Handover form: input checks only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aftercare.models import FollowUp
from aftercare.models import Handover
from aftercare.models import PlannedTransfer
from rutan.forms import DateInput


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


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = [
            "milestone",
            "contacted_on",
            "reached",
            "substance_use",
            "activity",
            "rearrested",
            "notes",
        ]
        widgets = {"contacted_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "reached": _(
                "Tanpa centang: pemakaian, pekerjaan dan penangkapan dicatat tidak diketahui."
            )
        }

    def __init__(self, *args, open_milestones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [
            (value, label)
            for value, label in FollowUp.Milestone.choices
            if value in open_milestones
        ]
        self.fields["reached"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("reached"):
            # Nobody reached, nothing learnt: what was ticked is not kept (FollowUp constraint).
            data.update(FollowUp.UNREACHED)
        return data


class PlannedTransferForm(forms.ModelForm):
    class Meta:
        model = PlannedTransfer
        fields = ["destination", "expected_on", "decision_number"]
        widgets = {"expected_on": DateInput()}
        help_texts = {
            "destination": _("Misalnya Lapas Kelas IIA Balikpapan."),
            "decision_number": _("Boleh dikosongkan bila surat keputusan belum ada."),
        }
