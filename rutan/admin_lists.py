"""Admin changelists that stay small and quick at national size.

Django's related-field filter lists every row of the related table: every facility (about 500),
every cohort of the country (tens of thousands) on each changelist page. These list what one
can choose from where one stands: the Kanwil first, then its facilities, then that facility's
cohorts or programmes; a small installation lists its facilities straight away.
"""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Model
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from rutan.models import Facility
from rutan.models import Region

# Tables that grow with the country's people and days, not with its facilities (at 500 UPT:
# 250,000 people, 400,000 enrolments, 640,000 screenings, 10,000 cohorts, 220,000 sessions,
# 1,500 users, and more programmes each year). A form field that points at one of them is typed as a
# number (raw_id_fields) or searched (autocomplete_fields), never a <select> of every row: the
# consent form's list of every participant took two minutes to draw.
NATIONAL_TABLES = frozenset(
    {
        "participants.Participant",
        "participants.Enrollment",
        "participants.Screening",
        "rehab.Programme",
        "rehab.Cohort",
        "rehab.Evaluation",
        "rehab_sessions.Session",
        "aftercare.Handover",
        "rutan.User",
    }
)

# Up to this many facilities the facility filter lists them all without a Kanwil chosen.
LISTED_FACILITIES = 30
REGION_PARAMETER = "kanwil"


def region_filter(path: str) -> type[admin.SimpleListFilter]:
    """Filter by the Kanwil of the facility at `path` (e.g. "facility", "cohort__programme__facility")."""

    class RegionFilter(admin.SimpleListFilter):
        title = _("kanwil")
        parameter_name = REGION_PARAMETER

        def lookups(self, request, model_admin):
            return list(Region.objects.order_by("name").values_list("code", "name"))

        def queryset(self, request, queryset):
            value = self.value()
            return queryset.filter(**{f"{path}__region__code": value}) if value else queryset

    return RegionFilter


# Plain names: the admin refuses a query parameter that spans relations (cohort__programme__…)
# unless it names a list_filter entry exactly.
FACILITY_PARAMETER = "upt"


class RowFilter(admin.SimpleListFilter):
    """Filter by the row at `row_path`, chosen by its primary key (anything else is ignored)."""

    row_path = ""

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdecimal():
            return queryset
        return queryset.filter(**{f"{self.row_path}__pk": int(value)})


def facility_filter(path: str) -> type[admin.SimpleListFilter]:
    """Filter by the facility at `path`: the chosen Kanwil's facilities, or all when few."""

    class FacilityFilter(RowFilter):
        row_path = path
        title = _("UPT")
        parameter_name = FACILITY_PARAMETER

        def lookups(self, request, model_admin):
            facilities = Facility.objects.order_by("name")
            region = request.GET.get(REGION_PARAMETER)
            if region:
                facilities = facilities.filter(region__code=region)
            else:
                facilities = facilities[: LISTED_FACILITIES + 1]
            choices = [(str(pk), name) for pk, name in facilities.values_list("pk", "name")]
            return choices if region or len(choices) <= LISTED_FACILITIES else []

    return FacilityFilter


def within_facility_filter(
    path: str, model: type[Model], *, parameter: str, by: str
) -> type[admin.SimpleListFilter]:
    """Filter by the `model` row at `path` (a cohort, a programme), listing only those of the
    facility chosen in the facility filter; `by` leads from `model` to its facility."""

    class WithinFacilityFilter(RowFilter):
        row_path = path
        title = model._meta.verbose_name
        parameter_name = parameter

        def lookups(self, request, model_admin):
            facility = request.GET.get(FACILITY_PARAMETER, "")
            if not facility.isdecimal():
                return []
            rows = model._default_manager.filter(**{by: int(facility)}).order_by("-pk")
            return [(str(row.pk), str(row)) for row in rows[:200]]

    return WithinFacilityFilter


def by_place(path: str) -> list[type[admin.SimpleListFilter]]:
    """The Kanwil and facility filters for the facility at `path`."""
    return [region_filter(path), facility_filter(path)]


class EstimatedCountPaginator(Paginator):
    """Pages of the whole register counted from PostgreSQL's statistics, not COUNT(*).

    Unfiltered, the admin list would count every participant in the country on every page;
    above ESTIMATE_FROM rows the planner's estimate (kept fresh by autovacuum) is close enough
    to number the pages. A filtered or searched list is counted exactly.
    """

    ESTIMATE_FROM = 100_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] >= self.ESTIMATE_FROM:
                return row[0]
        return super().count


class IndexOrderedChangeList(ChangeList):
    """Sorts by the columns in `sortable_by` only: a typed ?o= naming another is ignored."""

    def get_ordering_field(self, field_name):
        if field_name not in self.sortable_by:
            return None
        return super().get_ordering_field(field_name)


class LargeTableAdmin:
    """A changelist over a national-size table (participants, attendance, evaluations…): no
    second count of every row, pages numbered from the planner's estimate, newest first by
    the primary key (an index) rather than a sort of millions of rows.

    No column header sorts either: a click on one sorted every row of the country for a page
    of 50 (1-6 s on the evaluations, enrolments and screenings at 500 UPT). An admin may name
    in `sortable_by` a column an index returns in order.
    """

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50
    ordering = ["-pk"]
    sortable_by = ()

    def get_changelist(self, request, **kwargs):
        return IndexOrderedChangeList
