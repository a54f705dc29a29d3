"""The "Jejak audit" page's reads and exports: the trail a kepala (own facility) or an
administrator (everything) may read, filtered by person, participant, action and period."""

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rutan.audit import AuditAction
from rutan.models import AuditEvent, User
from rutan.spreadsheets import safe_row

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
EXPORT_MAX_ROWS = 100_000


def audit_events_for(user) -> QuerySet[AuditEvent]:
    """The trail `user` may read: a kepala their facility's, an administrator all of it."""
    return AuditEvent.objects.visible_to(user)


# The trail names participants by a plain id (AuditEvent.participant_pk); the participants app,
# above this one, tells how to find and label them (participants/audit_subjects.py).
@dataclass(frozen=True)
class ParticipantLookup:
    matching: Callable[[User, str], list[int]]  # ids in the user's reach matching a text
    labels: Callable[[User, set[int]], dict[int, str]]  # "number — name" per id in reach


_lookup: list[ParticipantLookup] = []


def participant_lookup_register(lookup: ParticipantLookup) -> None:
    _lookup[:] = [lookup]


def participants_matching(user, text: str) -> list[int]:
    """Ids of the participants in the user's reach whose registration number or name match."""
    return _lookup[0].matching(user, text) if _lookup else []


def participant_labels(user, pks) -> dict[int, str]:
    """Registration number and name of the participants a page of the trail names."""
    return _lookup[0].labels(user, set(pks)) if _lookup else {}


class AuditFilterForm(forms.Form):
    pengguna = forms.ModelChoiceField(
        label=gettext_lazy("Pengguna"), queryset=User.objects.none(), required=False
    )
    peserta = forms.CharField(
        label=gettext_lazy("Warga binaan (no. registrasi atau nama)"),
        max_length=60,
        required=False,
    )
    tindakan = forms.ChoiceField(
        label=gettext_lazy("Tindakan"),
        choices=[("", gettext_lazy("Semua tindakan")), *AuditAction.choices],
        required=False,
    )
    dari = forms.DateField(
        label=gettext_lazy("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sampai = forms.DateField(
        label=gettext_lazy("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, events: QuerySet[AuditEvent], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pengguna"].queryset = User.objects.filter(
            pk__in=events.values("user")
        ).order_by("username")

    def clean(self):
        data = super().clean()
        for name in ("dari", "sampai"):
            value = data.get(name)
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Tanggal di luar rentang 2000–2100."))
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def clean_peserta(self):
        return " ".join(self.cleaned_data["peserta"].replace("\x00", "").split())


def filtered_events(user, data) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    """The filter form (bound to the query string) and the events it selects, newest first."""
    events = audit_events_for(user)
    form = AuditFilterForm(data or None, events=events)
    rows = events.select_related("user", "facility").order_by("-at", "-pk")
    if not form.is_bound or not form.is_valid():
        return form, rows
    data = form.cleaned_data
    if data["pengguna"]:
        rows = rows.filter(user=data["pengguna"])
    if data["peserta"]:
        rows = rows.filter(participant_pk__in=participants_matching(user, data["peserta"]))
    if data["tindakan"]:
        rows = rows.filter(action=data["tindakan"])
    zone = timezone.get_current_timezone()
    if data["dari"]:
        rows = rows.filter(at__gte=dt.datetime.combine(data["dari"], dt.time.min, zone))
    if data["sampai"]:
        end = dt.datetime.combine(data["sampai"] + dt.timedelta(days=1), dt.time.min, zone)
        rows = rows.filter(at__lt=end)
    return form, rows


def export_header() -> list[str]:
    return [
        _("Waktu"),
        _("Pengguna"),
        _("Alamat IP"),
        _("Tindakan"),
        _("Jenis objek"),
        _("ID objek"),
        _("Warga binaan"),
        _("UPT"),
        _("Rincian"),
    ]


def export_rows(user, events) -> list[list]:
    """One list per event, spreadsheet-safe (no cell a spreadsheet would run)."""
    events = list(events[:EXPORT_MAX_ROWS])
    labels = participant_labels(user, {e.participant_pk for e in events if e.participant_pk})
    actions = dict(AuditAction.choices)
    return [
        safe_row(
            [
                timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                event.user.username,
                event.address or "",
                str(actions.get(event.action, event.action)),
                event.object_type,
                event.object_id,
                labels.get(event.participant_pk, event.participant_pk or ""),
                event.facility.name if event.facility else "",
                event.detail,
            ]
        )
        for event in events
    ]


def audit_csv(user, events) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(export_header()))
    writer.writerows(export_rows(user, events))
    return buffer.getvalue().encode("utf-8-sig")


def audit_xlsx(user, events) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Jejak audit"))
    sheet.append(safe_row(export_header()))
    for row in export_rows(user, events):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
