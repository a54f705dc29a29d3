from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from participants.models import Enrollment, Participant


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "registration_number", "register_type", "facility", "cell_block"]
    list_filter = ["facility", "register_type", "sex", "cell_block"]
    search_fields = ["name", "registration_number", "nik"]
    list_select_related = ["facility"]


@admin.register(Enrollment)
class EnrollmentAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "cohort", "status", "enrolled_on", "ended_on"]
    list_filter = ["status", "cohort"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant", "cohort"]
    autocomplete_fields = ["participant"]
