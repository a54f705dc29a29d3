"""What every participant view shares: who may read or change, and error plumbing."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from rutan.permissions import role_required
from rutan.roles import Role

# Kepala reads everything of their facility; petugas (and admin) also change it.
READ_ROLES = (Role.PETUGAS, Role.KEPALA, Role.ADMIN)
WRITE_ROLES = (Role.PETUGAS, Role.ADMIN)

# Who enrols screened people into a cohort: the petugas, and the kepala who decides the intake.
ENROL_ROLES = (Role.PETUGAS, Role.KEPALA, Role.ADMIN)
# The query parameter that carries the guided flow register → screen → consent → enrol.
GUIDED = "alur"

can_read = role_required(*READ_ROLES)
can_write = role_required(*WRITE_ROLES)


def may_write(user) -> bool:
    return user.has_role(*WRITE_ROLES)


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's or model's ValidationError on the form, by field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def detail_url(pk: int, anchor: str = "") -> str:
    """The participant's page, optionally at one of its sections."""
    url = reverse("participants:detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def is_guided(request) -> bool:
    return request.GET.get(GUIDED) == "1"


def guided_url(url_name: str, *args, **query) -> str:
    """The next step of the guided flow, keeping the flow's marker."""
    from urllib.parse import urlencode

    return f"{reverse(url_name, args=args)}?{urlencode({**query, GUIDED: '1'})}"
