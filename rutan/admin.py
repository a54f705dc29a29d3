from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from rutan.models import AuditEvent, BapasOffice, Facility, User
from rutan.two_factor import two_factor_reset


@admin.register(Facility)
class FacilityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "city", "timezone"]
    list_filter = ["kind", "timezone"]
    search_fields = ["name", "code", "city"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "facility", "partner", "is_active"]
    list_filter = ["groups", "facility", "partner", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email"]
    list_select_related = ["facility", "partner"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Tempat kerja"), {"fields": ("facility", "partner", "bapas_office", "position")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (
            _("Tempat kerja"),
            {"fields": ("facility", "partner", "bapas_office", "position", "groups")},
        ),
    )
    actions = ["reset_two_factor"]

    @admin.action(description=_("Atur ulang verifikasi dua langkah (ponsel hilang)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor_reset(user=user, by=request.user)
        self.message_user(
            request,
            _(
                "Verifikasi dua langkah diatur ulang untuk %(count)s pengguna; mereka menyiapkannya lagi saat masuk."
            )
            % {"count": len(queryset)},
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "object_type", "object_id", "facility"]
    list_filter = ["action", "object_type", "facility"]
    search_fields = ["user__username", "object_id", "detail"]
    list_select_related = ["user", "facility"]
    date_hierarchy = "at"

    # The audit trail is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BapasOffice)
class BapasOfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "city", "head_name"]
    search_fields = ["name", "city"]
    filter_horizontal = ["facilities"]


# The authenticator secrets and recovery codes stay out of sight, even of administrators:
# a lost phone is handled by the "reset" action on the user, which the audit trail records.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
