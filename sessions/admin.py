from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rehab.models import Cohort
from rutan.admin_lists import LargeTableAdmin
from rutan.admin_lists import by_place
from rutan.admin_lists import within_facility_filter
from sessions.models import Attendance
from sessions.models import Observation
from sessions.models import Session
from sessions.selectors import observations_for
from sessions.services import PlannedTime
from sessions.services import ScheduleClash
from sessions.services import session_clashes


class SessionAdminForm(forms.ModelForm):
    """An edit in the admin is refused on a clash, as on the pages (no confirmation here)."""

    def clean(self):
        cleaned = super().clean()
        cohort, start, end = cleaned.get("cohort"), cleaned.get("starts_at"), cleaned.get("ends_at")
        if not (cohort and start and end and end > start):
            return cleaned
        if cleaned.get("status") == Session.Status.CANCELLED:
            return cleaned
        facilitators = frozenset(user.pk for user in cleaned.get("facilitators") or [])
        clashes = session_clashes(
            cohort_id=cohort.pk,
            planned=[PlannedTime(start, end, facilitators)],
            ignore=[self.instance.pk] if self.instance.pk else [],
        )
        if clashes:
            raise forms.ValidationError(str(ScheduleClash(clashes)))
        return cleaned


def by_place_and_cohort(cohort: str) -> list:
    """Kanwil, then facility, then that facility's cohorts (`cohort`: the path to the cohort)."""
    return [
        *by_place(f"{cohort}__programme__facility"),
        within_facility_filter(cohort, Cohort, parameter="angkatan", by="programme__facility_id"),
    ]


@admin.register(Session)
class SessionAdmin(LargeTableAdmin, SimpleHistoryAdmin):
    form = SessionAdminForm
    list_display = ["__str__", "cohort", "starts_at", "kind", "status", "attendance_version"]
    list_filter = ["status", "kind", *by_place_and_cohort("cohort")]
    search_fields = ["title", "module__title", "cohort__name"]
    list_select_related = ["cohort", "module"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["facilitators", "notes_by"]
    raw_id_fields = ["cohort", "invited", "catch_up_for"]
    readonly_fields = ["series", "attendance_version"]


@admin.register(Attendance)
class AttendanceAdmin(LargeTableAdmin, SimpleHistoryAdmin):
    list_display = ["session", "participant", "status", "recorded_by"]
    list_filter = ["status", *by_place_and_cohort("session__cohort")]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["session__module", "session__cohort", "participant", "recorded_by"]
    raw_id_fields = ["session", "participant"]
    autocomplete_fields = ["recorded_by"]


@admin.register(Observation)
class ObservationAdmin(LargeTableAdmin, SimpleHistoryAdmin):
    list_display = ["session", "participant", "engagement", "author"]
    list_filter = ["engagement", *by_place_and_cohort("session__cohort")]
    search_fields = ["participant__name", "remark"]
    list_select_related = ["session__module", "session__cohort", "participant", "author"]
    raw_id_fields = ["session", "participant"]
    autocomplete_fields = ["author"]

    def get_queryset(self, request):
        # The same visibility rule as the pages: partner and kepala only.
        return super().get_queryset(request) & observations_for(request.user)
