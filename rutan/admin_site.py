"""The admin site: the pages scope every object to the user's facility; the admin does not,
so it serves only the people who may see everything."""

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.shortcuts import redirect
from django.urls import reverse

from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.audit import first_along
from rutan.permissions import can_use_admin


class PulihAdminSite(AdminSite):
    def has_permission(self, request) -> bool:
        return can_use_admin(request.user)

    def login(self, request, extra_context=None):
        """One sign-in page for the whole site (lockout, second factor): the app's own."""
        if request.user.is_authenticated:
            return redirect("home")
        return redirect(f"{reverse('login')}?{urlencode({'next': request.GET.get('next', '')})}")


class AuditedAdminMixin:
    """Opening a record of personal data, or searching its list, in the admin leaves an audit line."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = (getattr(response, "context_data", None) or {}).get("original")
        if request.method == "GET" and obj is not None:
            audit_record(
                user=request.user,
                action=AuditAction.ADMIN_VIEW,
                obj=obj,
                facility_id=self.audit_facility_id(obj),
            )
        return response

    def changelist_view(self, request, extra_context=None):
        query = request.GET.get("q", "").strip()
        if query:
            audit_record(
                user=request.user,
                action=AuditAction.ADMIN_SEARCH,
                obj=self.model,
                detail=f"q={query}",
            )
        return super().changelist_view(request, extra_context)

    def audit_facility_id(self, obj) -> int | None:
        """The facility the record belongs to, found along the usual paths."""
        return first_along(
            obj, ("facility_id", "participant.facility_id", "enrollment.participant.facility_id")
        )
