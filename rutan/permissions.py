"""Role checks for views, as decorators."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from rutan.navigation import nav_item
from rutan.roles import OVERSIGHT_ROLES
from rutan.roles import Role


def is_oversight(user) -> bool:
    """A Kanwil or Ditjenpas reader: aggregates, and a person by initials at most."""
    return bool(user.roles & OVERSIGHT_ROLES)


def role_required(*roles: str) -> Callable:
    """Signed in and holding one of `roles`; anyone else signed in gets 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def can_use_admin(user) -> bool:
    """The Django admin is not scoped by facility: superusers and administrators only."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or (user.is_staff and user.has_role(Role.ADMIN)))
    )


# Who reads the audit trail: the kepala (their facility) and administrators (everything).
AUDIT_ROLES = (Role.KEPALA, Role.ADMIN)

# Partners and modules are reached from the PKS and cohort pages, so the bar fits a 10-inch tablet.
nav_item(0, _("Beranda"), "home", None)
nav_item(90, _("Jejak audit"), "audit_trail", AUDIT_ROLES)
