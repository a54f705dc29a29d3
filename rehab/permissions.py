"""Who reads the programme's reports, dashboard and dossiers."""

from rutan.roles import Role

REPORT_ROLES = (Role.KEPALA, Role.ADMIN, Role.KANWIL, Role.PUSAT)
# The regional / national dashboard and the PP 25/2011 recap over many facilities.
OVERSIGHT_READERS = (Role.KANWIL, Role.PUSAT, Role.ADMIN)
# The review-board dossier holds a person's identity and case: the facility's own people only.
DOSSIER_ROLES = (Role.KEPALA, Role.ADMIN)


def may_read_reports(user) -> bool:
    return user.has_role(*REPORT_ROLES)


# Who creates and edits programmes and cohorts (angkatan) and generates their schedules.
PROGRAMME_EDITORS = (Role.KEPALA, Role.ADMIN)
# Who keeps the module library. Modules are shared by every facility and partner, so only the
# administrator and the heads of facilities edit them (no partner-side coordinator role exists).
MODULE_EDITORS = (Role.KEPALA, Role.ADMIN)


def may_edit_programmes(user) -> bool:
    return user.has_role(*PROGRAMME_EDITORS)


def may_edit_modules(user) -> bool:
    return user.has_role(*MODULE_EDITORS)
