from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from rehab.models import Addendum
from rehab.models import Agreement
from rehab.models import AgreementScopeItem
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import Module
from rehab.models import Partner
from rehab.models import Programme
from rehab.models import ProgrammeEvaluation
from rutan.admin_lists import LargeTableAdmin
from rutan.admin_lists import by_place
from rutan.admin_lists import within_facility_filter
from rutan.admin_site import AuditedAdminMixin
from rutan.versioning import VersionedAdmin


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "city", "leader_name"]
    search_fields = ["name", "short_name", "city", "leader_name"]
    list_filter = ["city"]


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "facility", "partner", "start_date", "end_date"]
    list_filter = by_place("facility")
    search_fields = ["name", "partner__name"]
    list_select_related = ["facility", "partner"]


@admin.register(Module)
class ModuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "order", "duration_minutes", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "title"]


@admin.register(Cohort)
class CohortAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "start_date", "end_date", "capacity"]
    list_filter = [
        *by_place("programme__facility"),
        within_facility_filter("programme", Programme, parameter="program", by="facility_id"),
    ]
    search_fields = ["name", "programme__name"]
    list_select_related = ["programme"]
    raw_id_fields = ["programme"]
    autocomplete_fields = ["facilitators"]


class AgreementScopeItemInline(admin.TabularInline):
    model = AgreementScopeItem
    extra = 0


class AddendumInline(admin.StackedInline):
    model = Addendum
    extra = 0
    readonly_fields = ["created_by"]


@admin.register(Agreement)
class AgreementAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["facility_number", "partner", "facility", "valid_from", "valid_until"]
    list_filter = by_place("facility")
    search_fields = ["facility_number", "partner_number", "title", "partner__name"]
    list_select_related = ["facility", "partner"]
    inlines = [AgreementScopeItemInline, AddendumInline]
    # The signed PDF is checked and served only by the PKS pages; approval and termination
    # are the kepala's acts there too.
    exclude = ["document"]
    readonly_fields = [
        "document_link",
        "document_name",
        "document_size",
        "document_sha256",
        "approved_at",
        "approved_by",
        "terminated_on",
        "termination_reason",
        "terminated_by",
    ]

    @admin.display(description=_("dokumen PKS bertanda tangan (PDF)"))
    def document_link(self, obj: Agreement) -> str:
        if not obj.document:
            return "—"
        url = reverse("rehab:agreement_document", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.document_name or "PDF")


# Evaluations: read and corrected in the admin; submitted and reviewed on the web pages only.
REVIEW_READONLY = ["status", "submitted_at", "reviewed_at", "reviewed_by", "review_comment"]


@admin.register(Evaluation)
class EvaluationAdmin(LargeTableAdmin, AuditedAdminMixin, VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["enrollment", "kind", "period", "recommendation", "status", "author"]
    list_filter = [
        "status",
        "kind",
        "recommendation",
        *by_place("enrollment__cohort__programme__facility"),
    ]
    search_fields = [
        "enrollment__participant__name",
        "enrollment__participant__registration_number",
    ]
    list_select_related = ["enrollment__participant", "enrollment__cohort", "author"]
    raw_id_fields = ["enrollment", "author"]
    readonly_fields = REVIEW_READONLY


@admin.register(ProgrammeEvaluation)
class ProgrammeEvaluationAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["agreement", "period_start", "period_end", "status", "author"]
    list_filter = ["status", *by_place("agreement__facility")]
    list_select_related = ["agreement__facility", "agreement__partner", "author"]
    raw_id_fields = ["agreement", "author"]
    readonly_fields = [*REVIEW_READONLY, "figures"]
