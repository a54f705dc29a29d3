"""Forms of the programme, cohort (angkatan), schedule and module library pages."""

import datetime as dt

from crispy_forms.layout import Fieldset
from django import forms
from django.utils.translation import gettext_lazy as _

from rehab.documents import PdfInfo
from rehab.documents import inspect_pdf
from rehab.forms.agreements import pdf_upload_field
from rehab.models import Agreement
from rehab.models import Cohort
from rehab.models import Module
from rehab.models import Programme
from rutan.dates import WEEKDAYS
from rutan.forms import DateInput
from rutan.forms import columns
from rutan.forms import form_helper
from rutan.models import Facility
from rutan.models import User
from rutan.roles import Role


def _facilitator_label(user: User) -> str:
    partner = user.partner.short_name or user.partner.name if user.partner_id else ""
    return f"{user} ({partner})" if partner else str(user)


class _DatedForm(forms.ModelForm):
    """The form of a record that runs from start_date to end_date: the end is not before it."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return cleaned


class ProgrammeForm(_DatedForm):
    class Meta:
        model = Programme
        fields = [
            "facility",
            "name",
            "partner",
            "agreement",
            "start_date",
            "end_date",
            "description",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user: User, partners, **kwargs):
        super().__init__(*args, **kwargs)
        facility_field = self.fields["facility"]
        agreements = Agreement.objects.select_related("facility", "partner")
        if user.has_role(Role.ADMIN):
            facility_field.queryset = Facility.objects.order_by("name")
        else:
            # The kepala runs programmes of their own facility only; the field shows which.
            facility_field.queryset = Facility.objects.filter(pk=user.facility_id)
            # A disabled field takes its value from the form's initial data, never the POST.
            self.initial["facility"] = user.facility_id
            facility_field.disabled = True
            agreements = agreements.filter(facility_id=user.facility_id)
        self.fields["partner"].queryset = partners
        self.fields["agreement"].queryset = agreements.order_by("-valid_from")
        self.fields["agreement"].help_text = _("PKS dengan mitra yang sama di UPT yang sama.")
        self.helper = form_helper(
            columns("facility", "name", widths=(None, 8)),
            columns("partner", "agreement"),
            columns("start_date", "end_date"),
            "description",
        )

    def clean(self):
        cleaned = super().clean()
        agreement = cleaned.get("agreement")
        facility, partner = cleaned.get("facility"), cleaned.get("partner")
        if agreement and facility and agreement.facility_id != facility.pk:
            self.add_error("agreement", _("PKS ini milik UPT lain."))
        elif agreement and partner and agreement.partner_id != partner.pk:
            self.add_error("agreement", _("PKS ini dengan mitra lain."))
        return cleaned


class CohortForm(_DatedForm):
    class Meta:
        model = Cohort
        fields = [
            "programme",
            "name",
            "start_date",
            "end_date",
            "capacity",
            "place",
            "facilitators",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "facilitators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        partner_ids = {p.partner_id for p in programmes}
        facilitators = self.fields["facilitators"]
        facilitators.queryset = (
            User.objects.filter(
                groups__name=Role.FASILITATOR, partner_id__in=partner_ids, is_active=True
            )
            .select_related("partner")
            .order_by("first_name", "last_name", "username")
        )
        facilitators.label_from_instance = _facilitator_label
        facilitators.help_text = _("Fasilitator mitra yang menjalankan program ini.")
        self.helper = form_helper(
            columns("programme", "name"),
            columns("start_date", "end_date", "capacity"),
            "place",
            "facilitators",
        )

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme")
        wrong = [
            str(user)
            for user in cleaned.get("facilitators") or []
            if programme and user.partner_id != programme.partner_id
        ]
        if wrong:
            self.add_error(
                "facilitators",
                _("Bukan fasilitator mitra program ini: %(names)s.") % {"names": ", ".join(wrong)},
            )
        return cleaned


class CohortScheduleForm(forms.Form):
    """The curriculum modules in order, and the weekly pattern they are delivered on."""

    modules = forms.ModelMultipleChoiceField(
        label=_("Modul"),
        queryset=Module.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu modul.")},
    )
    first_day = forms.DateField(label=_("Mulai dari tanggal"), widget=DateInput())
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Hari"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu hari dalam seminggu.")},
    )
    start_time = forms.TimeField(
        label=_("Jam mulai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Jam selesai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.module_choices = list(Module.objects.filter(is_active=True).order_by("order", "code"))
        self.fields["modules"].queryset = Module.objects.filter(is_active=True)
        # One order box per module: the curriculum order by default, changeable per cohort.
        for position, module in enumerate(self.module_choices, start=1):
            self.fields[self.order_field(module)] = forms.IntegerField(
                label=_("Urutan %(code)s") % {"code": module.code},
                min_value=1,
                max_value=999,
                initial=position,
                required=False,
            )

    @staticmethod
    def order_field(module: Module) -> str:
        return f"order_{module.pk}"

    def module_rows(self) -> list[tuple[Module, forms.BoundField, bool]]:
        """Each module with its order box and whether it is ticked, for the template."""
        if self.is_bound:
            ticked = set(self.data.getlist("modules"))
        else:
            ticked = {str(m.pk) for m in self.initial.get("modules", [])}
        return [(m, self[self.order_field(m)], str(m.pk) in ticked) for m in self.module_choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Jam selesai harus sesudah jam mulai."))
        first_day = cleaned.get("first_day")
        if first_day and first_day < self.cohort.start_date:
            self.add_error(
                "first_day",
                _("Tanggal ini sebelum angkatan dimulai (%(date)s).")
                % {"date": self.cohort.start_date.strftime("%d-%m-%Y")},
            )
        return cleaned

    def ordered_modules(self) -> list[Module]:
        """The ticked modules sorted by their order box (ties keep the library order)."""
        chosen = {m.pk for m in self.cleaned_data["modules"]}
        ranked = []
        for position, module in enumerate(self.module_choices):
            if module.pk in chosen:
                order = self.cleaned_data.get(self.order_field(module)) or position + 1
                ranked.append((order, position, module))
        return [module for _order, _position, module in sorted(ranked, key=lambda r: r[:2])]


class ModuleForm(forms.ModelForm):
    materials_upload = pdf_upload_field(
        _("Materi (PDF)"),
        _("Hanya PDF, paling besar 10 MB. Berkas baru menggantikan yang lama."),
    )

    class Meta:
        model = Module
        fields = [
            "code",
            "title",
            "order",
            "duration_minutes",
            "objectives",
            "summary",
            "methods",
            "is_active",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "methods": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials_info: PdfInfo | None = None
        self.helper = form_helper(
            columns("code", "title", widths=(3, 9)),
            columns("order", "duration_minutes", "is_active"),
            Fieldset(_("Isi modul"), "objectives", "summary", "methods"),
            Fieldset(_("Materi"), "materials_upload"),
        )

    def clean_materials_upload(self):
        upload = self.cleaned_data.get("materials_upload")
        if upload:
            self.materials_info = inspect_pdf(upload)
        return upload


def cohort_initial(programme: Programme | None, today: dt.date) -> dict:
    """Sensible starting values for a new cohort of `programme`."""
    if programme is None:
        return {}
    return {
        "programme": programme.pk,
        "start_date": max(programme.start_date, today),
        "end_date": programme.end_date,
    }
