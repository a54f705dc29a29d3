"""The participant list's search, filters and sorting (django-filter)."""

import django_filters
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Enrollment
from participants.models import RegisterType
from participants.models import RiskLevel

NONE = "none"

REGISTER_CHOICES = [
    ("A", _("Semua register A (tahanan)")),
    ("B", _("Semua register B (narapidana)")),
    *RegisterType.choices,
]
STATUS_CHOICES = [*Enrollment.Status.choices, (NONE, _("Belum pernah ikut angkatan"))]
RISK_CHOICES = [*RiskLevel.choices, (NONE, _("Belum diskrining"))]


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Cari nama atau nomor registrasi"))
    register_type = django_filters.ChoiceFilter(
        choices=REGISTER_CHOICES,
        method="filter_register",
        label=_("Register"),
        empty_label=_("Semua register"),
    )
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES,
        method="filter_status",
        label=_("Status keikutsertaan"),
        empty_label=_("Semua status"),
    )
    risk = django_filters.ChoiceFilter(
        choices=RISK_CHOICES,
        method="filter_risk",
        label=_("Risiko"),
        empty_label=_("Semua tingkat risiko"),
    )
    cell_block = django_filters.ChoiceFilter(
        label=_("Blok hunian"), empty_label=_("Semua blok"), choices=[]
    )
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("registration_number", "registration_number"),
            ("register_type", "register_type"),
            ("cell_block", "cell_block"),
            ("admission_date", "admission_date"),
            ("expected_release_date", "expected_release_date"),
        ),
        label=_("Urutkan"),
    )

    def __init__(self, *args, cell_blocks: list[str] = (), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.filters["cell_block"].extra["choices"] = [(block, block) for block in cell_blocks]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_register(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value in ("A", "B"):
            return queryset.filter(register_type__startswith=f"{value}.")
        return queryset.filter(register_type=value)

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NONE:
            return queryset.filter(current_status__isnull=True)
        if value == Enrollment.Status.ACTIVE:
            # The one definition of active the home card and the reports count with.
            return queryset.active_on(self.today)
        return queryset.filter(current_status=value)

    def filter_risk(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NONE:
            return queryset.filter(Q(latest_risk__isnull=True) | Q(latest_risk=""))
        return queryset.filter(latest_risk=value)
