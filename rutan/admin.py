from django.contrib import admin
from django.contrib import messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from rutan.admin_lists import LargeTableAdmin
from rutan.admin_lists import by_place
from rutan.bulk import COLUMNS as BULK_COLUMNS
from rutan.bulk import BulkFileError
from rutan.bulk import BulkPreview
from rutan.bulk import bulk_check
from rutan.bulk import bulk_commit
from rutan.bulk import bulk_read
from rutan.models import AuditEvent
from rutan.models import BapasOffice
from rutan.models import DocumentNumber
from rutan.models import Facility
from rutan.models import Region
from rutan.models import User
from rutan.two_factor import two_factor_reset

SESSION_KEY = "rutan_bulk_import"


class BulkImportMixin:
    """An "Impor massal" page on the change list: upload, preview with row errors, save."""

    bulk_kind = ""
    change_list_template = "admin/rutan/change_list_bulk.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.bulk_import_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_bulk_import"
        return [path("impor/", view, name=name), *super().get_urls()]

    def bulk_import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Impor massal: %(what)s") % {"what": self.opts.verbose_name_plural},
            "columns": BULK_COLUMNS[self.bulk_kind],
        }
        if request.method == "POST" and "save" in request.POST:
            stored = request.session.pop(SESSION_KEY, None)
            if not stored or stored["kind"] != self.bulk_kind:
                messages.error(request, _("Pratinjau sudah tidak ada; unggah berkasnya lagi."))
                return redirect(request.path)
            # Checked again at saving: the database may have changed since the preview.
            preview = bulk_check(stored["rows"], self.bulk_kind)
            if preview.error_rows:
                context["preview"] = preview
                return TemplateResponse(request, "admin/rutan/bulk_import.html", context)
            count = bulk_commit(preview=preview)
            messages.success(request, _("%(n)s baris tersimpan.") % {"n": count})
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        if request.method == "POST" and request.FILES.get("file"):
            upload = request.FILES["file"]
            try:
                rows = bulk_read(upload.name, upload.read(), self.bulk_kind)
            except BulkFileError as error:
                context["file_error"] = str(error)
                return TemplateResponse(
                    request, "admin/rutan/bulk_import.html", context, status=400
                )
            preview: BulkPreview = bulk_check(rows, self.bulk_kind)
            if not preview.error_rows:
                request.session[SESSION_KEY] = {"kind": self.bulk_kind, "rows": rows}
            context["preview"] = preview
        return TemplateResponse(request, "admin/rutan/bulk_import.html", context)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "timezone"]
    search_fields = ["code", "name"]


@admin.register(Facility)
class FacilityAdmin(BulkImportMixin, SimpleHistoryAdmin):
    bulk_kind = "facilities"
    list_display = ["name", "code", "kind", "city", "region", "timezone"]
    list_filter = ["kind", "region", "timezone"]
    list_select_related = ["region"]
    search_fields = ["name", "code", "city"]


@admin.register(User)
class UserAdmin(BulkImportMixin, SimpleHistoryAdmin, BaseUserAdmin):
    bulk_kind = "users"
    list_display = ["username", "first_name", "last_name", "facility", "partner", "is_active"]
    list_filter = ["groups", *by_place("facility"), "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email", "nip", "partner__name"]
    list_select_related = ["facility", "partner"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Tempat kerja"),
            {"fields": ("facility", "partner", "region", "bapas_office", "position", "nip")},
        ),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (
            _("Tempat kerja"),
            {
                "fields": (
                    "facility",
                    "partner",
                    "region",
                    "bapas_office",
                    "position",
                    "nip",
                    "groups",
                )
            },
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """A register nobody adds to, edits or deletes from through the admin: the rows are
    written by what happened (an action, a printed document) and are evidence of it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(LargeTableAdmin, ReadOnlyAdmin):
    list_display = ["at", "user", "action", "object_type", "object_id", "facility"]
    list_filter = ["action", "object_type", *by_place("facility")]
    search_fields = ["user__username", "object_id", "detail"]
    list_select_related = ["user", "facility"]
    date_hierarchy = "at"


@admin.register(DocumentNumber)
class DocumentNumberAdmin(ReadOnlyAdmin):
    """The register of issued document numbers: a number once given stays."""

    list_display = ["number", "kind", "issuer", "subject", "issued_on"]
    list_filter = ["kind", "year", "issuer"]
    search_fields = ["number", "subject"]


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
