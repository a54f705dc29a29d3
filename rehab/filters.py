"""The filters of the rehab list pages (django-filter, as every list page)."""

import datetime as dt
from functools import cached_property
from urllib.parse import urlencode

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rehab.models import Agreement
from rehab.models import Partner
from rehab.models import ReviewStatus
from rehab.permissions import PARTNER_READERS
from rutan.dates import query_month
from rutan.filtering import accepted
from rutan.models import Facility
from rutan.models import Region
from rutan.roles import OVERSIGHT_ROLES
from rutan.roles import Role


class EvaluationFilter(django_filters.FilterSet):
    """The evaluation list: by review status and by month (`bulan`, 2025-11 or 11/2025)."""

    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    bulan = django_filters.CharFilter(method="filter_month")

    def filter_month(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        month = query_month(value)
        return queryset.filter(period=month) if month else queryset

    @property
    def chosen(self) -> tuple[str, object]:
        """(status, month) as accepted, for the page's own filter controls."""
        data = accepted(self)
        return data.get("status") or "", query_month(data.get("bulan"))


class ApprovalQueueFilter(django_filters.FilterSet):
    """The kepala's approvals queue: by cohort (`angkatan`, an id) and month (`bulan`, 2025-11
    or 11/2025); a value that does not read is ignored. Kept in the URL (`as_query`) so that it
    survives every decision."""

    angkatan = django_filters.CharFilter(method="filter_cohort", strip=False)
    bulan = django_filters.CharFilter(method="filter_month", strip=False)

    def filter_cohort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        cohort_id = _cohort_id(value)
        return queryset.filter(enrollment__cohort_id=cohort_id) if cohort_id else queryset

    def filter_month(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        month = query_month(value)
        return queryset.filter(period=month) if month else queryset

    @property
    def cohort_id(self) -> int | None:
        return _cohort_id(accepted(self).get("angkatan"))

    @property
    def month(self) -> dt.date | None:
        return query_month(accepted(self).get("bulan"))

    def as_query(self) -> str:
        params = {}
        if self.cohort_id:
            params["angkatan"] = self.cohort_id
        if self.month:
            params["bulan"] = self.month.strftime("%Y-%m")
        return urlencode(params)


def _cohort_id(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() else None


class AgreementFilter(django_filters.FilterSet):
    """The PKS register: by status on the day, partner and facility, as the user's role allows."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Agreement.Status.choices,
        empty_label=_("Semua status"),
        field_name="current_status",
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Mitra"), queryset=Partner.objects.none(), empty_label=_("Semua mitra")
    )
    facility = django_filters.ModelChoiceFilter(
        label=_("UPT"),
        queryset=Facility.objects.all(),
        empty_label=_("Semua UPT"),
        method="filter_facility",
    )

    def __init__(self, data=None, *, queryset, user, partners, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.user = user
        self.filters["partner"].queryset = partners
        if user.has_role(*OVERSIGHT_ROLES):
            self.filters["facility"].queryset = Facility.objects.visible_to(user)
        elif not user.has_role(Role.ADMIN):
            del self.filters["facility"]
        if user.has_role(Role.FASILITATOR) and not user.has_role(*PARTNER_READERS):
            del self.filters["partner"]

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            field.widget.attrs["class"] = "form-select"
        return form

    def filter_facility(self, queryset: QuerySet, name: str, value: Facility) -> QuerySet:
        # Regional users see their region's facilities anyway; only administrators narrow here.
        if self.user.has_role(Role.ADMIN):
            return queryset.filter(facility=value)
        return queryset


class OversightFilter(django_filters.FilterSet):
    """The regional and national board's facilities: by kind (`jenis`) and Kanwil (`kanwil`, its
    code); a value that does not read is ignored."""

    jenis = django_filters.ChoiceFilter(field_name="kind", choices=Facility.Kind.choices)
    kanwil = django_filters.CharFilter(method="filter_region")

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        region = self.region
        return queryset.filter(region=region) if region else queryset

    @property
    def kind(self) -> str:
        return accepted(self).get("jenis") or ""

    @cached_property
    def region(self) -> Region | None:
        code = accepted(self).get("kanwil")
        return Region.objects.filter(code=code).first() if code else None
