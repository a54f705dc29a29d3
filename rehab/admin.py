from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rehab.models import Agreement, Cohort, Module, Partner, Programme


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "city", "leader_name"]
    search_fields = ["name", "short_name", "city", "leader_name"]
    list_filter = ["city"]


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "facility", "partner", "start_date", "end_date"]
    list_filter = ["facility", "partner"]
    search_fields = ["name"]
    list_select_related = ["facility", "partner"]


@admin.register(Module)
class ModuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "order", "duration_minutes", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "title"]


@admin.register(Cohort)
class CohortAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "start_date", "end_date", "capacity"]
    list_filter = ["programme__facility", "programme"]
    search_fields = ["name", "programme__name"]
    list_select_related = ["programme"]
    filter_horizontal = ["facilitators"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["facility_number", "partner", "facility", "valid_from", "valid_until"]
    list_filter = ["facility", "partner"]
    search_fields = ["facility_number", "partner_number", "title"]
    list_select_related = ["facility", "partner"]
