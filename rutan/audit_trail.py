"""The "Jejak audit" page's reads and exports: the trail a kepala (own facility) or an
administrator (everything) may read, filtered by person, participant, action and period."""

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rutan.audit import AuditAction
from rutan.models import AuditEvent
from rutan.models import User
from rutan.spreadsheets import safe_row
from rutan.workbooks import Column
from rutan.workbooks import sheet_add
from rutan.workbooks import workbook_bytes
from rutan.workbooks import workbook_new

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
    """The checks across fields of the trail's filter: dates within 2000–2100, in order."""

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


class AuditFilter(django_filters.FilterSet):
    """The trail by person, participant (registration number or name), action and period."""

    pengguna = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Pengguna"), queryset=User.objects.none(), field_name="user"
    )
    peserta = django_filters.CharFilter(
        label=gettext_lazy("Warga binaan (no. registrasi atau nama)"),
        max_length=60,
        method="filter_participant",
    )
    tindakan = django_filters.ChoiceFilter(
        label=gettext_lazy("Tindakan"),
        choices=AuditAction.choices,
        empty_label=gettext_lazy("Semua tindakan"),
        field_name="action",
    )
    dari = django_filters.DateFilter(
        label=gettext_lazy("Dari tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}),
        method="filter_from",
    )
    sampai = django_filters.DateFilter(
        label=gettext_lazy("Sampai tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}),
        method="filter_until",
    )

    class Meta:
        form = AuditFilterForm

    def __init__(self, data=None, *, queryset: QuerySet[AuditEvent], user, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.user = user
        self.filters["pengguna"].queryset = User.objects.filter(
            pk__in=queryset.values("user")
        ).order_by("username")

    def filter_participant(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(participant_pk__in=participants_matching(self.user, value))

    def filter_from(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        zone = timezone.get_current_timezone()
        return queryset.filter(at__gte=dt.datetime.combine(value, dt.time.min, zone))

    def filter_until(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        zone = timezone.get_current_timezone()
        end = dt.datetime.combine(value + dt.timedelta(days=1), dt.time.min, zone)
        return queryset.filter(at__lt=end)


def filtered_events(user, data) -> tuple[AuditFilter, QuerySet[AuditEvent]]:
    """The filter (bound to the query string) and the events it selects, newest first.

    A filter with an error selects nothing less: the page shows the error over the whole trail.
    """
    events = audit_events_for(user)
    filterset = AuditFilter(
        data or None,
        queryset=events.select_related("user", "facility").order_by("-at", "-pk"),
        user=user,
    )
    if not filterset.is_valid():
        return filterset, filterset.queryset
    return filterset, filterset.qs


# Column widths of the workbook, in the order of export_header().
AUDIT_WIDTHS = (19, 16, 15, 28, 14, 10, 24, 26, 50)


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
    title = _("Jejak audit")
    scope = user.facility.name if user.facility else _("Semua UPT")
    exported = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    workbook = workbook_new(title=title)
    sheet_add(
        workbook,
        name=title,
        title=title,
        subtitle=_("%(scope)s — diekspor %(at)s") % {"scope": scope, "at": exported},
        columns=[
            Column(label, width) for label, width in zip(export_header(), AUDIT_WIDTHS, strict=True)
        ],
        rows=export_rows(user, events),
    )
    return workbook_bytes(workbook)
