"""Who reads, changes and enrols the participants of a facility (seeing which ones is scoping's job)."""

from django.utils.translation import gettext_lazy as _

from rutan.navigation import nav_item
from rutan.permissions import role_required
from rutan.roles import Role

# Kepala reads everything of their facility; petugas (and admin) also change it.
READ_ROLES = (Role.PETUGAS, Role.KEPALA, Role.ADMIN)
WRITE_ROLES = (Role.PETUGAS, Role.ADMIN)

# Who enrols screened people into a cohort: the petugas, and the kepala who decides the intake.
ENROL_ROLES = (Role.PETUGAS, Role.KEPALA, Role.ADMIN)

# The kepala answers a data subject's request for their facility; an administrator for any.
SUBJECT_ACCESS_ROLES = (Role.KEPALA, Role.ADMIN)

can_read = role_required(*READ_ROLES)
can_write = role_required(*WRITE_ROLES)


def may_write(user) -> bool:
    return user.has_role(*WRITE_ROLES)


nav_item(10, _("Warga binaan"), "participants:list", READ_ROLES)
