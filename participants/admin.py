from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from participants.models import (
    Certificate,
    Consent,
    CourtHearing,
    Enrollment,
    IntegrationProgramme,
    Participant,
    RegisterChange,
    Screening,
    SubstanceResult,
)


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


class SubstanceResultInline(admin.TabularInline):
    model = SubstanceResult
    extra = 0


@admin.register(Screening)
class ScreeningAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "kind", "screened_on", "highest_risk"]
    list_filter = ["kind", "highest_risk", "participant__facility"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant"]
    inlines = [SubstanceResultInline]


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "given_on", "withdrawn_on"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant"]


@admin.register(IntegrationProgramme)
class IntegrationProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "kind", "status", "proposed_on", "tpp_date", "guarantor"]
    list_filter = ["kind", "status", "guarantor"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant", "guarantor"]


@admin.register(RegisterChange)
class RegisterChangeAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "changed_on", "from_type", "to_type", "recorded_by"]
    list_filter = ["to_type", "participant__facility"]
    search_fields = ["participant__name", "from_number", "to_number"]
    list_select_related = ["participant", "recorded_by"]


@admin.register(CourtHearing)
class CourtHearingAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "hearing_date", "court", "agenda"]
    list_filter = ["participant__facility"]
    search_fields = ["participant__name", "participant__registration_number", "court"]
    list_select_related = ["participant"]
    autocomplete_fields = ["participant"]
    date_hierarchy = "hearing_date"


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["number", "enrollment", "issued_on", "issued_by"]
    list_filter = ["facility", "year"]
    search_fields = ["number", "enrollment__participant__name"]
    list_select_related = ["enrollment__participant", "enrollment__cohort", "issued_by"]
    readonly_fields = ["facility", "year", "sequence", "number"]
