"""Forms of the participant pages: input checks only, with Indonesian messages."""

import datetime as dt

from crispy_forms.layout import Fieldset
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from participants import assist
from participants.models import Consent
from participants.models import CourtHearing
from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RegisterType
from participants.models import Screening
from participants.models import registration_number_error
from participants.rules import RECORD_FACTS
from participants.rules import date_errors
from participants.rules import nik_error
from participants.rules import normalise_nik
from participants.selectors import possible_duplicates
from participants.vocabularies import DurationUnit
from rehab.models import Partner
from rutan import dates
from rutan.forms import DateInput
from rutan.forms import columns
from rutan.forms import form_helper
from rutan.forms import help_text_with
from rutan.forms import record_date_field
from rutan.models import Facility
from rutan.versioning import VersionedForm


class ParticipantForm(VersionedForm, forms.ModelForm):
    """Create or edit a participant. Register and number change through RegisterChangeForm."""

    nik = forms.CharField(
        label=_("NIK"),
        max_length=32,  # spaces and dots are dropped in clean_nik
        required=False,
        help_text=_("16 angka sesuai KTP/KK. Data sensitif: hanya petugas UPT yang melihatnya."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("Saya sudah memeriksa: ini orang yang berbeda dari data yang mirip di atas."),
        required=False,
    )
    use_duration = forms.IntegerField(
        label=_("Lama pemakaian"), required=False, min_value=0, max_value=960
    )
    use_duration_unit = forms.ChoiceField(
        label=_("Satuan"), choices=DurationUnit.choices, initial=DurationUnit.YEARS, required=False
    )

    class Meta:
        model = Participant
        fields = [
            "name",
            "register_type",
            "registration_number",
            *RECORD_FACTS,
            "use_route",
            "diagnosis",
            "treatment_history",
            "treatment_history_detail",
            "substance_history",
        ]
        widgets = {
            "birth_date": DateInput(),
            "admission_date": DateInput(),
            "expected_release_date": DateInput(),
            "treatment_history_detail": forms.Textarea(attrs={"rows": 2}),
            "substance_history": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "registration_number": _("Sesuai SDP, mis. AIII.123/2025."),
            "cell_block": _("Mis. Blok A, Blok B."),
        }

    def __init__(self, *args, facility: Facility | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.facility = facility or (self.instance.facility if self.instance.pk else None)
        self.same_nik: list[Participant] = []
        self.same_person: list[Participant] = []
        # "Different from the similar record above" means nothing until one is shown above.
        self.fields["confirm_not_duplicate"].widget = forms.HiddenInput()
        if self.instance.pk:
            # A register change is history, not an edit: it has its own form.
            del self.fields["register_type"]
            del self.fields["registration_number"]
        months = self.instance.use_duration_months
        if months is not None:
            in_years = months and months % 12 == 0
            self.initial.setdefault("use_duration", months // 12 if in_years else months)
            self.initial.setdefault(
                "use_duration_unit", DurationUnit.YEARS if in_years else DurationUnit.MONTHS
            )
        # Free text from before the recap was coded, shown beside the field until reviewed.
        for name, text in (self.instance.recap_unmapped or {}).items():
            if name in self.fields:
                self.fields[name].help_text = help_text_with(
                    "%(label)s: “%(text)s”",
                    label=_("Isian lama, pilih kode yang sesuai"),
                    text=text,
                )
        if self.facility is None:
            self.fields["facility"] = forms.ModelChoiceField(
                label=_("UPT"), queryset=Facility.objects.order_by("name")
            )
        self.helper = form_helper(*self._layout())

    def _layout(self) -> list:
        """Identity, custody and sensitive data, each a fieldset (facility and register when asked)."""
        register = (
            ("register_type", "registration_number") if "register_type" in self.fields else ()
        )
        return [
            Fieldset(
                _("Identitas"),
                *(["facility"] if "facility" in self.fields else []),
                "name",
                columns(*register),
                columns("birth_place", "birth_date"),
                columns("sex", "religion", "education"),
            ),
            Fieldset(
                _("Penahanan"), columns("admission_date", "expected_release_date", "cell_block")
            ),
            Fieldset(
                _("Data sensitif"),
                "nik",
                "case_article",
                columns("primary_substance", "use_duration", "use_duration_unit", "use_route"),
                "diagnosis",
                "treatment_history",
                "treatment_history_detail",
                "substance_history",
            ),
            "confirm_not_duplicate",
        ]

    def clean_nik(self) -> str:
        nik = normalise_nik(self.cleaned_data.get("nik", ""))
        if error := nik_error(nik):
            raise forms.ValidationError(error)
        return nik

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_registration_number(self) -> str:
        number = self.cleaned_data["registration_number"].strip()
        facility = self._facility()
        if (
            facility
            and Participant.objects.filter(facility=facility, registration_number=number).exists()
        ):
            raise forms.ValidationError(
                _("Nomor registrasi ini sudah terdaftar di %(facility)s.") % {"facility": facility}
            )
        return number

    def clean(self):
        data = super().clean()
        number, register_type = data.get("registration_number"), data.get("register_type")
        error = number and register_type and registration_number_error(register_type, number)
        if error:
            self.add_error("registration_number", error)
        for field, message in date_errors(
            birth_date=data.get("birth_date"),
            admission_date=data.get("admission_date"),
            expected_release_date=data.get("expected_release_date"),
            today=timezone.localdate(),
        ).items():
            if field not in self.errors:
                self.add_error(field, message)
        facility = self._facility()
        if facility and not self.errors:
            self.same_nik, self.same_person = possible_duplicates(
                facility.pk,
                nik=data.get("nik", ""),
                name=data.get("name", ""),
                birth_date=data.get("birth_date"),
                exclude_pk=self.instance.pk,
            )
            if self.same_person:
                self.fields["confirm_not_duplicate"].widget = forms.CheckboxInput()
            if self.same_nik:
                self.add_error("nik", _("NIK ini sudah terdaftar di UPT ini."))
            elif self.same_person and not data.get("confirm_not_duplicate"):
                self.add_error(
                    None,
                    _(
                        "Sudah ada warga binaan dengan nama dan tanggal lahir yang sama. "
                        "Buka data itu, atau centang konfirmasi bila ini memang orang lain."
                    ),
                )
        return data

    def _facility(self) -> Facility | None:
        return self.facility or self.cleaned_data.get("facility")

    def _post_clean(self):
        super()._post_clean()
        number = self.cleaned_data.get("use_duration")
        unit = self.cleaned_data.get("use_duration_unit")
        self.instance.use_duration_months = (
            None if number is None else number * (1 if unit == DurationUnit.MONTHS else 12)
        )

    def save(self, commit: bool = True) -> Participant:
        if not self.instance.pk:
            self.instance.facility = self._facility()
        return super().save(commit)


class RegisterChangeForm(forms.Form):
    to_type = forms.ChoiceField(label=_("Register baru"), choices=RegisterType.choices)
    to_number = forms.CharField(
        label=_("Nomor registrasi baru"),
        max_length=40,
        required=False,
        help_text=_("Kosongkan bila nomornya tidak berubah."),
    )
    changed_on = record_date_field(_("Tanggal perubahan"), dates.validate_custody_date)
    reason = forms.CharField(
        label=_("Alasan/dasar perubahan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mis. putusan pengadilan negeri nomor …, berkekuatan hukum tetap."),
    )


class ScreeningForm(forms.Form):
    """WHO ASSIST v3.1: Q1 per substance, then Q2–Q7 for each substance ever used, then Q8."""

    kind = forms.ChoiceField(label=_("Jenis skrining"), choices=Screening.Kind.choices)
    screened_on = forms.DateField(label=_("Tanggal skrining"), widget=DateInput())
    injected = forms.ChoiceField(
        label=format_lazy("P8. {}", assist.QUESTIONS[8]),
        choices=[("", "—"), *assist.EVER_LABELS.items()],
        required=False,
    )
    notes = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for substance in assist.SUBSTANCES:
            self.fields[f"{substance}_ever"] = forms.BooleanField(
                label=assist.SUBSTANCE_LABELS[substance], required=False
            )
            for question in assist.questions_for(substance):
                labels = assist.FREQUENCY_LABELS if question <= 5 else assist.EVER_LABELS
                self.fields[f"{substance}_q{question}"] = forms.ChoiceField(
                    label=assist.QUESTIONS[question],
                    choices=[("", "—"), *labels.items()],
                    required=False,
                )

    def substance_rows(self) -> list[dict]:
        """The bound fields per substance, in the order the form asks them."""
        return [
            {
                "key": substance,
                "ever": self[f"{substance}_ever"],
                "questions": [
                    (question, self[f"{substance}_q{question}"])
                    for question in assist.questions_for(substance)
                ],
            }
            for substance in assist.SUBSTANCES
        ]

    def clean_screened_on(self) -> dt.date:
        day = self.cleaned_data["screened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal skrining tidak boleh di masa depan."))
        dates.validate_record_date(day)
        return day

    def clean(self):
        data = super().clean()
        for substance in assist.SUBSTANCES:
            if not data.get(f"{substance}_ever"):
                continue
            q2 = data.get(f"{substance}_q2")
            required = [2, 6, 7]
            if q2 and q2 != "never":
                required += [
                    q for q in assist.RECENT_USE_QUESTIONS if q != 5 or substance != "tobacco"
                ]
            for question in required:
                if not data.get(f"{substance}_q{question}"):
                    self.add_error(f"{substance}_q{question}", _("Pertanyaan ini wajib dijawab."))
        return data

    def answers(self) -> dict[str, dict]:
        """Answers per substance for services.screening_record."""
        data = self.cleaned_data
        result = {}
        for substance in assist.SUBSTANCES:
            ever = bool(data.get(f"{substance}_ever"))
            responses = {}
            if ever:
                used_recently = data.get(f"{substance}_q2") not in ("", None, "never")
                for question in assist.questions_for(substance):
                    answer = data.get(f"{substance}_q{question}")
                    if question in assist.RECENT_USE_QUESTIONS and not used_recently:
                        # Not asked when not used in the past three months.
                        answer = "never"
                    if answer:
                        responses[question] = answer
            result[substance] = {"ever_used": ever, "responses": responses}
        return result


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["given_on", "witness", "notes"]
        widgets = {"given_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "given_on": _(
                "Tanggal warga binaan menandatangani formulir persetujuan setelah dijelaskan "
                "tujuan program, kerahasiaan data dan haknya untuk mundur."
            )
        }

    def clean_given_on(self) -> dt.date:
        day = self.cleaned_data["given_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal persetujuan tidak boleh di masa depan."))
        return day


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = record_date_field(_("Tanggal pencabutan"))
    enrollment_action = forms.ChoiceField(
        label=_("Keikutsertaan yang masih aktif"),
        choices=[
            ("suspend", _("Tangguhkan: dapat dilanjutkan bila ada persetujuan baru")),
            ("drop_out", _("Akhiri: dicatat keluar/berhenti")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, active_cohorts: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if active_cohorts:
            self.fields["enrollment_action"].required = True
            self.fields["reason"].required = True
            self.fields["enrollment_action"].help_text = help_text_with(
                _(
                    "Masih aktif di %(cohorts)s. Tanpa persetujuan, warga binaan tidak lagi masuk "
                    "daftar hadir dan tidak dihitung sebagai peserta aktif."
                ),
                cohorts=", ".join(active_cohorts),
            )
        else:
            del self.fields["enrollment_action"]


class EnrollmentOpenForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Angkatan"), queryset=None)

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        self.fields["cohort"].empty_label = _("— pilih angkatan —")


class TransitionForm(VersionedForm):
    on = record_date_field(_("Tanggal"))
    reason = forms.CharField(
        label=_("Alasan/keterangan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        if Enrollment.TRANSITIONS[action][2]:
            self.fields["reason"].required = True
            self.fields["reason"].label = _("Alasan")


class IntegrationProgrammeForm(VersionedForm, forms.ModelForm):
    DECIDED = {
        IntegrationProgramme.Status.APPROVED,
        IntegrationProgramme.Status.REJECTED,
        IntegrationProgramme.Status.RUNNING,
        IntegrationProgramme.Status.COMPLETED,
        IntegrationProgramme.Status.REVOKED,
    }

    class Meta:
        model = IntegrationProgramme
        fields = [
            "kind",
            "guarantor",
            "proposed_on",
            "tpp_date",
            "status",
            "decision",
            "leaves_on",
            "guarantor_statement",
        ]
        widgets = {
            "proposed_on": DateInput(),
            "tpp_date": DateInput(),
            "leaves_on": DateInput(),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "guarantor_statement": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        # Guarantors are the partners the facility works with (programme or PKS).
        facility_id = participant.facility_id
        self.fields["guarantor"].queryset = (
            Partner.objects.filter(
                Q(programmes__facility_id=facility_id) | Q(agreements__facility_id=facility_id)
            )
            .distinct()
            .order_by("name")
        )

    def clean_proposed_on(self) -> dt.date:
        day = self.cleaned_data["proposed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal usulan tidak boleh di masa depan."))
        return day

    def clean(self):
        data = super().clean()
        if not self.instance.pk and self.participant.is_detainee:
            raise forms.ValidationError(
                _(
                    "Program integrasi hanya untuk narapidana (register B). Warga binaan ini "
                    "masih tahanan (%(type)s): catat dulu perubahan registernya bila sudah diputus."
                )
                % {"type": self.participant.register_type}
            )
        proposed, tpp = data.get("proposed_on"), data.get("tpp_date")
        if proposed and tpp and tpp < proposed:
            self.add_error(
                "tpp_date",
                _("Tanggal Sidang TPP tidak boleh sebelum tanggal usulan (%(date)s).")
                % {"date": date_format(proposed)},
            )
        status = data.get("status")
        if status in self.DECIDED and not tpp:
            self.add_error("tpp_date", _("Isi tanggal Sidang TPP untuk usulan yang sudah diputus."))
        if (
            status in (IntegrationProgramme.Status.APPROVED, IntegrationProgramme.Status.REJECTED)
            and not (data.get("decision") or "").strip()
        ):
            self.add_error("decision", _("Tuliskan keputusan Sidang TPP."))
        return data


class CourtHearingForm(forms.ModelForm):
    class Meta:
        model = CourtHearing
        fields = ["hearing_date", "court", "agenda"]
        widgets = {"hearing_date": DateInput()}
        help_texts = {
            "court": _("Mis. Pengadilan Negeri Balikpapan, Kejaksaan Negeri Balikpapan."),
            "agenda": _("Mis. pembacaan tuntutan, putusan."),
        }

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean_hearing_date(self) -> dt.date:
        day = self.cleaned_data["hearing_date"]
        if day < self.participant.admission_date:
            raise forms.ValidationError(
                _("Tanggal sidang tidak boleh sebelum tanggal masuk (%(date)s).")
                % {"date": date_format(self.participant.admission_date)}
            )
        taken = CourtHearing.objects.filter(participant=self.participant, hearing_date=day)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Sidang pada tanggal ini sudah tercatat."))
        return day


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau Excel (.xlsx)"),
        help_text=_("Ekspor dari SDP atau isian templat. Paling besar %(size)s MB."),
    )

    def __init__(self, *args, needs_facility: bool, max_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"size": max_mb}
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx"
        if needs_facility:
            self.fields["facility"] = forms.ModelChoiceField(
                label=_("UPT tujuan"), queryset=Facility.objects.order_by("name")
            )


class BulkEnrolmentForm(forms.Form):
    """Several screened participants into one cohort, activated at once when consent allows."""

    participants = forms.ModelMultipleChoiceField(
        label=_("Warga binaan"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu warga binaan.")},
    )
    cohort = forms.ModelChoiceField(
        label=_("Angkatan"),
        queryset=None,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": _("Pilih angkatan tujuan.")},
    )
    on = forms.DateField(
        label=_("Tanggal terdaftar"), widget=DateInput(attrs={"class": "form-control"})
    )
    activate = forms.BooleanField(
        label=_("Langsung aktifkan yang sudah memberi persetujuan (informed consent)"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, participants, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants
        self.fields["cohort"].queryset = cohorts
        self.fields["cohort"].empty_label = _("— pilih angkatan —")
