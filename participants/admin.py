from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from participants.models import (
    Consent,
    Enrollment,
    IntegrationProgramme,
    Participant,
    RegisterChange,
    RetentionRun,
    Screening,
    SubstanceResult,
)
from rutan.admin_site import AuditedAdminMixin


@admin.register(Participant)
class ParticipantAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "registration_number", "register_type", "facility", "cell_block"]
    list_filter = ["facility", "register_type", "sex", "cell_block"]
    search_fields = ["name", "registration_number", "nik"]
    list_select_related = ["facility"]


@admin.register(Enrollment)
class EnrollmentAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "cohort", "status", "enrolled_on", "ended_on"]
    list_filter = ["status", "cohort"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant", "cohort"]
    autocomplete_fields = ["participant"]
    # The lifecycle moves only through the enrolment pages' services (consent is checked there).
    readonly_fields = [
        "status",
        "enrolled_on",
        "activated_on",
        "ended_on",
        "end_reason",
        "status_changed_on",
        "status_reason",
    ]


class SubstanceResultInline(admin.TabularInline):
    model = SubstanceResult
    extra = 0


@admin.register(Screening)
class ScreeningAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "kind", "screened_on", "highest_risk"]
    list_filter = ["kind", "highest_risk", "participant__facility"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant"]
    inlines = [SubstanceResultInline]


@admin.register(Consent)
class ConsentAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "given_on", "withdrawn_on"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant"]


@admin.register(IntegrationProgramme)
class IntegrationProgrammeAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "kind", "status", "proposed_on", "tpp_date", "guarantor"]
    list_filter = ["kind", "status", "guarantor"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant", "guarantor"]
    # Status and decision change on the participant's integration page only.
    readonly_fields = ["status", "decision"]


@admin.register(RegisterChange)
class RegisterChangeAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "changed_on", "from_type", "to_type", "recorded_by"]
    list_filter = ["to_type", "participant__facility"]
    search_fields = ["participant__name", "from_number", "to_number"]
    list_select_related = ["participant", "recorded_by"]


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    list_display = ["ran_at", "facility", "dry_run", "retention_months", "expired", "anonymised"]
    list_filter = ["facility", "dry_run"]

    # A record of what the retention job did: written by the job only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
