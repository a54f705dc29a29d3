"""Forms for participant and programme evaluations, with the guidance each score needs."""

import datetime as dt

from crispy_forms.layout import HTML
from crispy_forms.layout import Column
from crispy_forms.layout import Div
from crispy_forms.layout import Fieldset
from crispy_forms.layout import Row
from django import forms
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment
from rehab.models import Evaluation
from rehab.models import ProgrammeEvaluation
from rehab.models import RelapseRisk
from rehab.models.evaluations import DOMAIN_GUIDANCE
from rehab.models.evaluations import RECOMMENDATION_GUIDANCE
from rehab.models.evaluations import SCORED_DOMAINS
from rutan import dates
from rutan.forms import columns
from rutan.forms import form_helper
from rutan.versioning import VersionedForm

MONTH_FORMATS = list(dates.MONTH_FORMATS)


class MonthField(forms.DateField):
    """A month, typed as 2025-11 (the browser's month picker) or 11/2025; kept as its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = MONTH_FORMATS
    default_validators = [dates.validate_record_date]
    default_error_messages = {
        "invalid": _("Masukkan bulan dengan format TTTT-BB, misalnya 2025-11."),
    }

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


def _score_choices(domain: str) -> list[tuple[int, str]]:
    return [(level, f"{level} — {text}") for level, text in DOMAIN_GUIDANCE[domain].items()]


class EvaluationForm(VersionedForm, forms.ModelForm):
    period = MonthField(label=_("Bulan periode"))
    relapse_risks = forms.MultipleChoiceField(
        label=_("Hal berbahaya yang masih tampak pada peserta"),
        choices=RelapseRisk.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            'Dari modul "10 Hal Berbahaya dalam Proses Recovery". Centang yang masih terlihat '
            "bulan ini; kosongkan bila tidak ada."
        ),
    )

    class Meta:
        model = Evaluation
        fields = [
            "kind",
            "period",
            "knowledge_pre",
            "knowledge_post",
            *SCORED_DOMAINS,
            "relapse_risks",
            "recommendation",
            "recommendation_note",
            "notes",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "recommendation": forms.RadioSelect,
            "recommendation_note": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "knowledge_pre": _("Skor tes pengetahuan NAPZA di awal periode (0–100)."),
            "knowledge_post": _("Skor tes yang sama di akhir periode (0–100)."),
            "recommendation_note": _("Alasan singkat: apa yang mendasari rekomendasi ini."),
            "notes": _("Perkembangan, hal yang perlu diperhatikan, rencana pendampingan."),
        }

    def __init__(self, *args, enrollment: Enrollment, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrollment = enrollment
        self.today = today
        for name in ("knowledge_pre", "knowledge_post"):
            old = self.fields[name]
            self.fields[name] = forms.IntegerField(
                label=old.label, help_text=old.help_text, required=False, min_value=0, max_value=100
            )
        for name in SCORED_DOMAINS:
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=_score_choices(name),
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = sangat kurang, 5 = sangat baik."),
            )
        self.fields["kind"].choices = Evaluation.Kind.choices
        self.fields["recommendation"].choices = [
            (value, f"{label} — {RECOMMENDATION_GUIDANCE[value]}")
            for value, label in Evaluation.Recommendation.choices
        ]
        self.helper = form_helper(
            Fieldset(_("Periode"), columns("kind", "period", widths=(6, 6))),
            Fieldset(
                _("Pengetahuan NAPZA (pre-test/post-test)"),
                columns("knowledge_pre", "knowledge_post", widths=(6, 6)),
            ),
            Fieldset(
                _("Penilaian 1–5"),
                HTML(
                    '<p class="small text-body-secondary">'
                    + str(_("Pilih uraian yang paling sesuai dengan keadaan peserta bulan ini."))
                    + "</p>"
                ),
                Row(*(Column(name, css_class="col-lg-6") for name in SCORED_DOMAINS)),
            ),
            Fieldset(_("Risiko relapse"), Div("relapse_risks", css_class="checklist-columns")),
            Fieldset(_("Rekomendasi"), "recommendation", "recommendation_note", "notes"),
        )

    def clean_period(self):
        period = self.cleaned_data["period"]
        if period > self.today.replace(day=1):
            raise forms.ValidationError(
                _("Bulan ini belum berjalan; pilih bulan berjalan atau sebelumnya.")
            )
        started = self.enrollment.activated_on or self.enrollment.enrolled_on
        if started and dates.month_end(period) < started:
            raise forms.ValidationError(
                _("Peserta baru mengikuti program sejak %(day)s.")
                % {"day": started.strftime("%d/%m/%Y")}
            )
        return period

    def clean(self):
        cleaned = super().clean()
        kind, period = cleaned.get("kind"), cleaned.get("period")
        if kind and period:
            duplicate = Evaluation.objects.filter(
                enrollment=self.enrollment, kind=kind, period=period
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error(
                    "period",
                    _("Evaluasi %(kind)s bulan ini sudah ada untuk peserta ini.")
                    % {"kind": Evaluation.Kind(kind).label.lower()},
                )
        return cleaned


class ProgrammeEvaluationForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = ProgrammeEvaluation
        fields = [
            "agreement",
            "period_start",
            "period_end",
            "achievements",
            "obstacles",
            "follow_ups",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "achievements": forms.Textarea(attrs={"rows": 5}),
            "obstacles": forms.Textarea(attrs={"rows": 4}),
            "follow_ups": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "achievements": _(
                "Apa yang tercapai pada periode ini (angka di samping dihitung otomatis)."
            ),
            "obstacles": _("Hambatan pelaksanaan, mis. jadwal sidang, pemindahan, sarana."),
            "follow_ups": _("Langkah berikutnya dan siapa yang melaksanakan."),
        }

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].label_from_instance = (
            lambda a: f"{a.facility_number} — {a.facility} / {a.partner}"
        )
        self.helper = form_helper(
            "agreement",
            columns("period_start", "period_end", widths=(6, 6)),
            "achievements",
            "obstacles",
            "follow_ups",
        )

    def clean(self):
        cleaned = super().clean()
        agreement = cleaned.get("agreement")
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Akhir periode tidak boleh sebelum awal periode."))
            return cleaned
        if agreement and start and end:
            if start < agreement.valid_from or end > agreement.valid_until:
                self.add_error(
                    "period_end",
                    _("Periode harus dalam masa berlaku PKS (%(start)s–%(end)s).")
                    % {
                        "start": agreement.valid_from.strftime("%d/%m/%Y"),
                        "end": agreement.valid_until.strftime("%d/%m/%Y"),
                    },
                )
            duplicate = ProgrammeEvaluation.objects.filter(
                agreement=agreement, period_start=start, period_end=end
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error("period_start", _("Evaluasi untuk PKS dan periode ini sudah ada."))
        return cleaned


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan kepala"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
