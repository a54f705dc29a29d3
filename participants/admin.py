from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from participants.models import Certificate
from participants.models import Consent
from participants.models import CourtHearing
from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RegisterChange
from participants.models import RegisterFormat
from participants.models import RetentionRun
from participants.models import Screening
from participants.models import SubstanceResult
from participants.models import registration_number_error
from rehab.models import Cohort
from rutan.admin import ReadOnlyAdmin
from rutan.admin_lists import FACILITY_PARAMETER
from rutan.admin_lists import LargeTableAdmin
from rutan.admin_lists import by_place
from rutan.admin_lists import within_facility_filter
from rutan.admin_site import AuditedAdminMixin
from rutan.versioning import VersionedAdmin


class ParticipantAdminForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = "__all__"  # noqa: DJ007  (the admin chooses its fields)

    def clean(self):
        data = super().clean()
        number, register_type = data.get("registration_number"), data.get("register_type")
        changed = {"registration_number", "register_type"} & set(self.changed_data)
        error = (
            changed
            and number
            and register_type
            and registration_number_error(register_type, number)
        )
        if error:
            self.add_error("registration_number", error)
        return data


@admin.register(RegisterFormat)
class RegisterFormatAdmin(SimpleHistoryAdmin):
    list_display = ["register_type", "pattern", "example"]


class CellBlockFilter(admin.SimpleListFilter):
    """Cell blocks of the chosen facility: a DISTINCT over one facility, not the whole country."""

    title = _("blok hunian")
    parameter_name = "cell_block"

    def lookups(self, request, model_admin):
        facility = request.GET.get(FACILITY_PARAMETER)
        if not facility or not facility.isdigit():
            return []
        blocks = (
            Participant.objects.filter(facility_id=facility)
            .exclude(cell_block="")
            .order_by("cell_block")
            .values_list("cell_block", flat=True)
            .distinct()
        )
        return [(block, block) for block in blocks]

    def queryset(self, request, queryset):
        return queryset.filter(cell_block=self.value()) if self.value() else queryset


@admin.register(Participant)
class ParticipantAdmin(LargeTableAdmin, AuditedAdminMixin, VersionedAdmin, SimpleHistoryAdmin):
    form = ParticipantAdminForm
    list_display = ["name", "registration_number", "register_type", "facility", "cell_block"]
    list_filter = [*by_place("facility"), "register_type", "sex", CellBlockFilter]
    search_fields = ["name", "registration_number", "nik"]
    list_select_related = ["facility"]
    # A total ordering the (name, id) index serves, and no second count of every participant.
    ordering = ["name", "id"]
    sortable_by = ["name"]


@admin.register(Enrollment)
class EnrollmentAdmin(LargeTableAdmin, AuditedAdminMixin, VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["participant", "cohort", "status", "enrolled_on", "ended_on"]
    list_filter = [
        "status",
        *by_place("cohort__programme__facility"),
        within_facility_filter("cohort", Cohort, parameter="angkatan", by="programme__facility_id"),
    ]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant", "cohort"]
    autocomplete_fields = ["participant"]
    raw_id_fields = ["cohort"]
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
class ScreeningAdmin(LargeTableAdmin, AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "kind", "screened_on", "highest_risk"]
    list_filter = ["kind", "highest_risk", *by_place("participant__facility")]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant"]
    autocomplete_fields = ["participant", "screener"]
    inlines = [SubstanceResultInline]


@admin.register(Consent)
class ConsentAdmin(LargeTableAdmin, AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "given_on", "withdrawn_on"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant"]
    autocomplete_fields = ["participant", "recorded_by"]


@admin.register(IntegrationProgramme)
class IntegrationProgrammeAdmin(AuditedAdminMixin, VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["participant", "kind", "status", "proposed_on", "tpp_date", "guarantor"]
    list_filter = ["kind", "status", "guarantor"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant", "guarantor"]
    autocomplete_fields = ["participant"]
    # Status and decision change on the participant's integration page only.
    readonly_fields = ["status", "decision"]


@admin.register(RegisterChange)
class RegisterChangeAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["participant", "changed_on", "from_type", "to_type", "recorded_by"]
    list_filter = ["to_type", *by_place("participant__facility")]
    search_fields = ["participant__name", "from_number", "to_number"]
    list_select_related = ["participant", "recorded_by"]
    autocomplete_fields = ["participant", "recorded_by"]


@admin.register(CourtHearing)
class CourtHearingAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "hearing_date", "court", "agenda"]
    list_filter = by_place("participant__facility")
    search_fields = ["participant__name", "participant__registration_number", "court"]
    list_select_related = ["participant"]
    autocomplete_fields = ["participant", "recorded_by"]


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["number", "enrollment", "issued_on", "issued_by"]
    list_filter = [*by_place("facility"), "year"]
    search_fields = ["number", "enrollment__participant__name"]
    list_select_related = ["enrollment__participant", "enrollment__cohort", "issued_by"]
    raw_id_fields = ["enrollment"]
    autocomplete_fields = ["issued_by"]
    readonly_fields = ["facility", "year", "sequence", "number"]


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    """A record of what the retention job did: written by the job only."""

    list_display = ["ran_at", "facility", "dry_run", "retention_months", "expired", "anonymised"]
    list_filter = [*by_place("facility"), "dry_run"]
