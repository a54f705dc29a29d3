"""Who reads the programme's reports, dashboard and dossiers."""

from rutan.roles import Role

REPORT_ROLES = (Role.KEPALA, Role.ADMIN)


def may_read_reports(user) -> bool:
    return user.has_role(*REPORT_ROLES)
