"""Forms of the partner and agreement (PKS) pages."""

from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from rehab.documents import PdfInfo
from rehab.documents import inspect_pdf
from rehab.models import Addendum
from rehab.models import Agreement
from rehab.models import AgreementScopeItem
from rehab.models import Partner
from rehab.models import Programme
from rehab.services.agreements import ScopeLine
from rutan.forms import DateInput
from rutan.forms import columns
from rutan.forms import form_helper
from rutan.forms import help_text_with
from rutan.forms import record_date_field
from rutan.models import Facility
from rutan.roles import Role
from rutan.versioning import VersionedForm

DEFAULT_LEGAL_BASIS = "Undang-Undang Nomor 22 Tahun 2022 tentang Pemasyarakatan"
STANDARD_SCOPE = [
    AgreementScopeItem.Kind.TECHNICAL_GUIDANCE,
    AgreementScopeItem.Kind.ACCOMPANIMENT,
    AgreementScopeItem.Kind.EVALUATION,
]


def pdf_upload_field(label, help_text) -> forms.FileField:
    """An optional PDF upload; the browser offers PDFs only (the form checks the file itself)."""
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=help_text,
    )


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "name",
            "short_name",
            "legal_form",
            "legal_number",
            "legal_date",
            "tax_number",
            "address",
            "city",
            "leader_name",
            "leader_title",
            "phone",
            "email",
            "contact_name",
            "contact_phone",
        ]
        widgets = {"legal_date": DateInput(), "address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Fieldset(
                _("Organisasi"),
                columns("name", "short_name", widths=(8, 4)),
                columns("address", "city", widths=(8, 4)),
            ),
            Fieldset(
                _("Badan hukum"),
                columns(
                    "legal_form", "legal_number", "legal_date", "tax_number", widths=(3, 4, 2, 3)
                ),
            ),
            Fieldset(
                _("Pimpinan dan kontak"),
                columns("leader_name", "leader_title"),
                columns("phone", "email"),
                columns("contact_name", "contact_phone"),
            ),
        )


class AgreementForm(VersionedForm, forms.ModelForm):
    scope_standard = forms.MultipleChoiceField(
        label=_("Ruang lingkup"),
        choices=[(kind.value, kind.label) for kind in STANDARD_SCOPE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    scope_other = forms.CharField(
        label=_("Ruang lingkup lainnya"),
        help_text=_("Satu butir per baris."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    programmes = forms.ModelMultipleChoiceField(
        label=_("Program yang dijalankan berdasarkan PKS ini"),
        queryset=Programme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Sesi, peserta dan kehadiran program ini dihitung sebagai capaian PKS."),
    )
    document = pdf_upload_field(
        _("Dokumen PKS bertanda tangan (PDF)"),
        _("Hanya PDF hasil pindaian atau ekspor, paling besar 10 MB."),
    )

    class Meta:
        model = Agreement
        fields = [
            "facility",
            "partner",
            "facility_number",
            "partner_number",
            "title",
            "signed_place",
            "signed_on",
            "facility_signatory",
            "facility_signatory_title",
            "partner_signatory",
            "partner_signatory_title",
            "valid_from",
            "valid_until",
            "purpose",
            "guarantees_integration",
            "legal_basis",
            "notes",
        ]
        widgets = {
            "signed_on": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.document_info: PdfInfo | None = None
        programmes = Programme.objects.select_related("facility", "partner", "agreement")
        if user.has_role(Role.ADMIN):
            self.fields["facility"].queryset = Facility.objects.all()
        else:
            # Staff register agreements of their own facility only; the field shows which.
            facility_field = self.fields["facility"]
            facility_field.queryset = Facility.objects.filter(pk=user.facility_id)
            facility_field.disabled = True
            facility_field.initial = user.facility_id
            programmes = programmes.filter(facility_id=user.facility_id)
        self.fields["programmes"].queryset = programmes.order_by("-start_date", "name")
        self.fields["programmes"].label_from_instance = _programme_label
        if self.instance.pk:
            items = list(self.instance.scope_items.all())
            self.initial.setdefault(
                "scope_standard",
                [item.kind for item in items if item.kind != AgreementScopeItem.Kind.OTHER],
            )
            self.initial.setdefault(
                "scope_other",
                "\n".join(
                    item.description for item in items if item.kind == AgreementScopeItem.Kind.OTHER
                ),
            )
            self.initial.setdefault("programmes", list(self.instance.programmes.all()))
            if self.instance.document:
                self.fields["document"].help_text = help_text_with(
                    _(
                        "Sudah ada dokumen (%(name)s). Pilih berkas baru hanya untuk menggantinya; "
                        "dokumen lama tetap tersimpan dalam riwayat."
                    ),
                    name=self.instance.document_name or "PDF",
                )
        self.helper = form_helper(
            Fieldset(
                _("Para pihak"),
                columns("facility", "partner"),
                columns("facility_number", "partner_number"),
                "title",
            ),
            Fieldset(
                _("Penandatanganan"),
                columns("signed_place", "signed_on"),
                columns("facility_signatory", "facility_signatory_title"),
                columns("partner_signatory", "partner_signatory_title"),
            ),
            Fieldset(_("Masa berlaku"), columns("valid_from", "valid_until")),
            Fieldset(
                _("Isi perjanjian"),
                "purpose",
                "scope_standard",
                "scope_other",
                "guarantees_integration",
                "legal_basis",
            ),
            Fieldset(_("Program dan dokumen"), "programmes", "document", "notes"),
        )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            self.document_info = inspect_pdf(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error(
                "valid_until",
                _("Tanggal akhir masa berlaku tidak boleh sebelum tanggal mulainya."),
            )
        facility, partner = cleaned.get("facility"), cleaned.get("partner")
        wrong = []
        for programme in cleaned.get("programmes") or []:
            if facility and programme.facility_id != facility.pk:
                wrong.append(_("%(name)s bukan program UPT ini.") % {"name": programme.name})
            elif partner and programme.partner_id != partner.pk:
                wrong.append(
                    _("%(name)s dijalankan bersama mitra lain.") % {"name": programme.name}
                )
            elif programme.agreement_id and programme.agreement_id != self.instance.pk:
                wrong.append(
                    _("%(name)s sudah terkait dengan PKS %(number)s.")
                    % {"name": programme.name, "number": programme.agreement.facility_number}
                )
        if wrong:
            self.add_error("programmes", wrong)
        return cleaned

    def scope_lines(self) -> list[ScopeLine]:
        """The promised items as typed, standard ones worded in Indonesian as in the PKS."""
        lines = []
        with translation.override("id"):
            for kind in STANDARD_SCOPE:
                if kind.value in self.cleaned_data["scope_standard"]:
                    lines.append(ScopeLine(kind.value, str(kind.label)))
        for raw in self.cleaned_data["scope_other"].splitlines():
            text = raw.strip(" \t-•")[:300]
            if text:
                lines.append(ScopeLine(AgreementScopeItem.Kind.OTHER, text))
        return lines


def _programme_label(programme: Programme) -> str:
    return f"{programme.name} — {programme.facility} ({programme.partner})"


class AgreementTerminateForm(forms.Form):
    terminated_on = record_date_field(_("Tanggal pengakhiran"))
    reason = forms.CharField(
        label=_("Alasan pengakhiran"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Misalnya: kesepakatan para pihak, mitra tidak lagi beroperasi."),
    )

    def clean_terminated_on(self):
        day = self.cleaned_data["terminated_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal pengakhiran tidak boleh di masa depan."))
        return day

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Alasan pengakhiran wajib diisi."))
        return reason


class AddendumForm(forms.ModelForm):
    class Meta:
        model = Addendum
        fields = ["number", "title", "signed_on", "effective_from", "changes", "new_valid_until"]
        widgets = {
            "signed_on": DateInput(),
            "effective_from": DateInput(),
            "new_valid_until": DateInput(),
            "changes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.helper = form_helper(
            columns("number", "title"),
            columns("signed_on", "effective_from", "new_valid_until"),
            "changes",
        )

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if self.agreement.addenda.filter(number=number).exists():
            raise forms.ValidationError(_("Nomor adendum ini sudah tercatat pada PKS ini."))
        return number

    def clean_new_valid_until(self):
        until = self.cleaned_data.get("new_valid_until")
        if until and until < self.agreement.valid_from:
            raise forms.ValidationError(
                _("Akhir masa berlaku tidak boleh sebelum PKS mulai berlaku (%(day)s).")
                % {"day": self.agreement.valid_from.strftime("%d-%m-%Y")}
            )
        return until
