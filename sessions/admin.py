from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sessions.models import Attendance, Observation, Session
from sessions.selectors import observations_for


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "cohort", "starts_at", "kind", "status", "attendance_version"]
    list_filter = ["status", "kind", "cohort__programme__facility", "cohort"]
    search_fields = ["title", "module__title", "cohort__name"]
    list_select_related = ["cohort", "module"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["facilitators"]
    raw_id_fields = ["invited", "catch_up_for"]
    readonly_fields = ["series", "attendance_version"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["session", "participant", "status", "recorded_by"]
    list_filter = ["status", "session__cohort"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["session__module", "session__cohort", "participant", "recorded_by"]
    raw_id_fields = ["session", "participant"]


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = ["session", "participant", "engagement", "author"]
    list_filter = ["engagement", "session__cohort"]
    search_fields = ["participant__name", "remark"]
    list_select_related = ["session__module", "session__cohort", "participant", "author"]
    raw_id_fields = ["session", "participant"]

    def get_queryset(self, request):
        # The same visibility rule as the pages: partner and kepala only.
        return super().get_queryset(request) & observations_for(request.user)
