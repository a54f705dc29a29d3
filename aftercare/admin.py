from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from aftercare.models import FollowUp
from aftercare.models import Handover
from aftercare.models import PlannedTransfer


@admin.register(Handover)
class HandoverAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "bapas_office", "reason", "handed_over_on"]
    list_filter = ["bapas_office", "reason"]
    search_fields = ["participant__name", "participant__registration_number"]
    list_select_related = ["participant", "bapas_office"]
    autocomplete_fields = ["participant", "handed_over_by"]
    readonly_fields = ["record"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["handover", "milestone", "contacted_on", "reached", "substance_use"]
    list_filter = ["milestone", "reached", "substance_use"]
    list_select_related = ["handover__participant", "handover__bapas_office"]
    raw_id_fields = ["handover"]
    autocomplete_fields = ["recorded_by"]


@admin.register(PlannedTransfer)
class PlannedTransferAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "destination", "expected_on", "decision_number"]
    search_fields = ["participant__name", "participant__registration_number", "destination"]
    list_select_related = ["participant"]
    autocomplete_fields = ["participant", "recorded_by"]
