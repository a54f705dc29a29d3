"""Forms of the session pages; every message a user sees is Indonesian."""

import datetime as dt
from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.models import Participant
from rehab.models import Cohort
from rehab.models import Module
from rutan.dates import WEEKDAYS
from rutan.forms import record_date_field
from rutan.models import User
from rutan.roles import Role
from sessions.models import Attendance
from sessions.models import Session
from sessions.services import CHANGE_REASON_LENGTH
from sessions.services import MAX_SERIES_SESSIONS
from sessions.services import AttendanceEntry
from sessions.services import ObservationEntry
from sessions.services import series_days

REASON_MESSAGE = _("Keterangan wajib diisi untuk izin, sakit, atau sidang.")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class FacilitatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj} ({obj.partner})" if obj.partner_id else str(obj)


def facilitator_queryset(partner_ids: Iterable[int]):
    return (
        User.objects.filter(groups__name=Role.FASILITATOR, partner__in=list(partner_ids))
        .select_related("partner")
        .order_by("first_name", "last_name")
        .distinct()
    )


class _TimesMixin:
    def _check_times(self, cleaned: dict) -> None:
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Jam selesai harus sesudah jam mulai."))


class _SlotForm(_TimesMixin, forms.Form):
    """One day and its start and end times, the end after the start."""

    date = record_date_field(_("Tanggal"))
    start_time = forms.TimeField(label=_("Jam mulai"), widget=_time_input())
    end_time = forms.TimeField(label=_("Jam selesai"), widget=_time_input())

    def clean(self):
        cleaned = super().clean()
        self._check_times(cleaned)
        return cleaned


class SessionScheduleForm(_TimesMixin, forms.Form):
    ONCE = "once"
    WEEKLY = "weekly"

    cohort = forms.ModelChoiceField(
        queryset=None, label=_("Angkatan"), empty_label=_("— pilih angkatan —")
    )
    module = forms.ModelChoiceField(
        queryset=Module.objects.filter(is_active=True),
        required=False,
        label=_("Modul"),
        empty_label=_("— tanpa modul —"),
    )
    title = forms.CharField(
        label=_("Judul sesi"),
        max_length=200,
        required=False,
        help_text=_("Boleh dikosongkan bila sesi mengikuti modul."),
    )
    repeat = forms.ChoiceField(
        label=_("Pengulangan"),
        choices=[(ONCE, _("Sekali")), (WEEKLY, _("Mingguan pada hari terpilih"))],
        initial=ONCE,
        widget=forms.RadioSelect,
    )
    date = record_date_field(_("Tanggal (sesi pertama)"))
    until = record_date_field(
        _("Sampai tanggal"),
        required=False,
        help_text=_("Untuk seri mingguan: tanggal terakhir yang boleh diisi sesi."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Hari"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sequential_modules = forms.BooleanField(
        label=_("Modul berurutan: sesi berikutnya memakai modul berikutnya dalam kurikulum"),
        required=False,
    )
    start_time = forms.TimeField(label=_("Jam mulai"), widget=_time_input())
    end_time = forms.TimeField(label=_("Jam selesai"), widget=_time_input())
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    facilitators = FacilitatorChoiceField(
        queryset=None,
        required=False,
        label=_("Fasilitator"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bila dikosongkan, dipakai fasilitator angkatan."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        cohorts = Cohort.objects.select_related("programme__facility", "programme__partner")
        cohorts = cohorts.visible_to(user).order_by("-start_date", "name")
        self.fields["cohort"].queryset = cohorts
        if not self.is_bound:
            first_two = list(cohorts[:2])
            if len(first_two) == 1:
                self.initial.setdefault("cohort", first_two[0].pk)
        self.fields["facilitators"].queryset = facilitator_queryset(
            cohorts.values_list("programme__partner", flat=True)
        )

    def clean(self):
        cleaned = super().clean()
        self._check_times(cleaned)
        if cleaned.get("repeat") == self.WEEKLY:
            until, first = cleaned.get("until"), cleaned.get("date")
            if not until:
                self.add_error("until", _("Isi tanggal terakhir seri mingguan."))
            elif first and until < first:
                self.add_error("until", _("Tanggal terakhir tidak boleh sebelum tanggal pertama."))
            if not cleaned.get("weekdays"):
                self.add_error("weekdays", _("Pilih sedikitnya satu hari."))
            if not self.errors and len(self.days()) > MAX_SERIES_SESSIONS:
                self.add_error(
                    "until",
                    _("Paling banyak %(n)s sesi sekali jadwal. Perpendek rentang tanggal.")
                    % {"n": MAX_SERIES_SESSIONS},
                )
            elif not self.errors and not self.days():
                self.add_error("weekdays", _("Tidak ada tanggal yang jatuh pada hari terpilih."))
        cohort = cleaned.get("cohort")
        if cohort:
            partner_id = cohort.programme.partner_id
            chosen = cleaned.get("facilitators") or []
            if any(user.partner_id != partner_id for user in chosen):
                self.add_error(
                    "facilitators", _("Fasilitator harus dari mitra yang menjalankan angkatan ini.")
                )
        return cleaned

    def days(self) -> list[dt.date]:
        data = self.cleaned_data
        if data.get("repeat") != self.WEEKLY:
            return [data["date"]]
        return series_days(data["date"], data["until"], data["weekdays"])


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={"required": _("Tulis alasan pembatalan.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Tulis alasan pembatalan."))
        return reason


class SessionRescheduleForm(_SlotForm):
    date = record_date_field(_("Tanggal baru"))
    following = forms.TypedChoiceField(
        label=_("Yang dijadwalkan ulang"),
        choices=[
            ("one", _("Hanya sesi ini")),
            ("following", _("Sesi ini dan sesi berikutnya dalam seri (digeser sama jauh)")),
        ],
        coerce=lambda value: value == "following",
        initial="one",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Alasan"), max_length=CHANGE_REASON_LENGTH, required=False)

    def __init__(self, *args, in_series: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not in_series:
            del self.fields["following"]


class CatchUpForm(_SlotForm):
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    participants = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Peserta sesi susulan"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu peserta.")},
    )
    facilitators = FacilitatorChoiceField(
        queryset=None, required=False, label=_("Fasilitator"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, roster, partner_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = roster
        self.fields["facilitators"].queryset = facilitator_queryset([partner_id])


class AttendanceSheetForm(forms.Form):
    """The whole sheet: one status radio group and one reason per participant."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, participants: list[Participant], needs_reason: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = participants
        for participant in participants:
            self.fields[f"status_{participant.pk}"] = forms.ChoiceField(
                label=participant.name,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"required": _("Pilih status kehadiran.")},
            )
            self.fields[f"reason_{participant.pk}"] = forms.CharField(
                label=_("Keterangan"), max_length=300, required=False
            )
        if needs_reason:
            self.fields["change_reason"] = forms.CharField(
                label=_("Alasan perubahan"),
                max_length=CHANGE_REASON_LENGTH,
                help_text=_("Wajib: perubahan setelah 7 hari dicatat dalam riwayat."),
                error_messages={"required": _("Tulis alasan perubahan.")},
            )

    @staticmethod
    def initial_for(rows, version: int) -> dict:
        initial = {"version": version}
        for row in rows:
            if row.attendance:
                initial[f"status_{row.participant.pk}"] = row.attendance.status
                initial[f"reason_{row.participant.pk}"] = row.attendance.reason
            elif row.hearing:
                initial[f"status_{row.participant.pk}"] = Attendance.Status.COURT
                initial[f"reason_{row.participant.pk}"] = row.hearing.attendance_reason
        return initial

    def clean(self):
        cleaned = super().clean()
        for participant in self.participants:
            status = cleaned.get(f"status_{participant.pk}")
            reason = (cleaned.get(f"reason_{participant.pk}") or "").strip()
            if status in Attendance.REASON_REQUIRED and not reason:
                self.add_error(f"reason_{participant.pk}", REASON_MESSAGE)
        return cleaned

    def entries(self) -> dict[int, AttendanceEntry]:
        return {
            p.pk: AttendanceEntry(
                self.cleaned_data[f"status_{p.pk}"], self.cleaned_data[f"reason_{p.pk}"].strip()
            )
            for p in self.participants
        }

    def rows(self, sheet_rows) -> list[dict]:
        """What the template walks: participant, recorded row, and the row's two fields."""
        return [
            {
                "participant": row.participant,
                "attendance": row.attendance,
                "hearing": row.hearing,
                "status": self[f"status_{row.participant.pk}"],
                "reason": self[f"reason_{row.participant.pk}"],
            }
            for row in sheet_rows
        ]

    def error_count(self) -> int:
        return sum(1 for name in self.errors if name != "__all__")


class SessionNotesForm(forms.Form):
    """What the session covered, and one engagement score and remark per participant."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    module = forms.ModelChoiceField(
        queryset=Module.objects.all(),
        required=False,
        label=_("Modul yang dibawakan"),
        empty_label=_("— tanpa modul —"),
    )
    methods = forms.MultipleChoiceField(
        label=_("Metode"),
        choices=Session.Method.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Ringkasan pelaksanaan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tulis ringkasan pelaksanaan sesi.")},
    )
    follow_ups = forms.CharField(
        label=_("Tindak lanjut"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    ENGAGEMENT = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]

    def __init__(self, *args, participants: list[Participant], **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = participants
        for participant in participants:
            self.fields[f"engagement_{participant.pk}"] = forms.TypedChoiceField(
                label=participant.name,
                choices=self.ENGAGEMENT,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
            )
            self.fields[f"remark_{participant.pk}"] = forms.CharField(
                label=_("Catatan"), required=False, max_length=1000
            )

    @staticmethod
    def initial_for(session: Session, rows) -> dict:
        initial = {
            "version": session.notes_version,
            "module": session.module_id,
            "methods": session.methods,
            "summary": session.summary,
            "follow_ups": session.follow_ups,
        }
        for row in rows:
            if row.observation:
                initial[f"engagement_{row.participant.pk}"] = str(row.observation.engagement)
                initial[f"remark_{row.participant.pk}"] = row.observation.remark
        return initial

    def clean(self):
        cleaned = super().clean()
        for participant in self.participants:
            remark = (cleaned.get(f"remark_{participant.pk}") or "").strip()
            if remark and cleaned.get(f"engagement_{participant.pk}") is None:
                self.add_error(
                    f"engagement_{participant.pk}",
                    _("Pilih nilai keterlibatan 1–5 bila menulis catatan."),
                )
        return cleaned

    def observations(self) -> dict[int, ObservationEntry | None]:
        result: dict[int, ObservationEntry | None] = {}
        for p in self.participants:
            engagement = self.cleaned_data.get(f"engagement_{p.pk}")
            remark = self.cleaned_data.get(f"remark_{p.pk}", "")
            result[p.pk] = ObservationEntry(engagement, remark) if engagement else None
        return result

    def rows(self, sheet_rows) -> list[dict]:
        return [
            {
                "participant": row.participant,
                "attendance": row.attendance,
                "engagement": self[f"engagement_{row.participant.pk}"],
                "engagement_value": str(self[f"engagement_{row.participant.pk}"].value() or ""),
                "remark": self[f"remark_{row.participant.pk}"],
                # Not recorded as absent: only those get a score or remark.
                "may_observe": row.attendance is None
                or row.attendance.status in Attendance.ATTENDED,
            }
            for row in sheet_rows
        ]


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(_MultipleFileField, self).clean(item, initial) for item in files if item]


class SheetScanUploadForm(forms.Form):
    """Photos (the camera opens on a phone or tablet) or a scanned PDF of the filled sheet."""

    files = _MultipleFileField(
        label=_("Foto atau pindaian daftar hadir"),
        help_text=_(
            "Foto seluruh lembar, tegak dan terang, keempat kotak hitam di sudut ikut terfoto. "
            "Beberapa halaman: pilih beberapa foto, atau satu PDF."
        ),
        widget=_MultipleFileInput(
            attrs={"accept": "image/*,application/pdf", "capture": "environment"}
        ),
        error_messages={"required": _("Pilih foto atau berkas PDF daftar hadir.")},
    )


SKIP = "-"


class SheetScanConfirmForm(forms.Form):
    """One status per row read from paper: clear rows come chosen, unsure rows are left for a
    person to decide (or to skip)."""

    def __init__(self, *args, rows: list[dict], needs_reason: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.read_rows = rows
        choices = [*Attendance.Status.choices, (SKIP, _("Lewati (tidak dicatat)"))]
        for row in rows:
            pid = row["participant"].pk
            self.fields[f"status_{pid}"] = forms.ChoiceField(
                label=row["participant"].name,
                choices=choices,
                widget=forms.RadioSelect,
                initial=None if row["unsure"] else row["status"],
                error_messages={"required": _("Baris ini tidak jelas: pilih statusnya.")},
            )
            recorded = row["attendance"]
            self.fields[f"reason_{pid}"] = forms.CharField(
                label=_("Keterangan"),
                max_length=300,
                required=False,
                initial=recorded.reason if recorded else "",
            )
        if needs_reason:
            self.fields["change_reason"] = forms.CharField(
                label=_("Alasan perubahan"),
                max_length=CHANGE_REASON_LENGTH,
                error_messages={"required": _("Tulis alasan perubahan.")},
            )

    def clean(self):
        cleaned = super().clean()
        for row in self.read_rows:
            pid = row["participant"].pk
            status = cleaned.get(f"status_{pid}")
            if (
                status in Attendance.REASON_REQUIRED
                and not cleaned.get(f"reason_{pid}", "").strip()
            ):
                self.add_error(f"reason_{pid}", REASON_MESSAGE)
        return cleaned

    def entries(self) -> dict[int, AttendanceEntry]:
        entries = {}
        for row in self.read_rows:
            pid = row["participant"].pk
            status = self.cleaned_data[f"status_{pid}"]
            if status != SKIP:
                entries[pid] = AttendanceEntry(status, self.cleaned_data[f"reason_{pid}"].strip())
        return entries

    def bound_rows(self) -> list[dict]:
        return [
            {
                **row,
                "status_field": self[f"status_{row['participant'].pk}"],
                "reason_field": self[f"reason_{row['participant'].pk}"],
            }
            for row in self.read_rows
        ]
