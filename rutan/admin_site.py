"""The admin site: the pages scope every object to the user's facility; the admin does not,
so it serves only the people who may see everything."""

from django.contrib.admin import AdminSite

from rutan.permissions import can_use_admin


class PulihAdminSite(AdminSite):
    def has_permission(self, request) -> bool:
        return can_use_admin(request.user)
