"""Who reads the programme's reports, dashboard and dossiers."""

from rutan.roles import Role

REPORT_ROLES = (Role.KEPALA, Role.ADMIN, Role.KANWIL, Role.PUSAT)
# The regional / national dashboard and the PP 25/2011 recap over many facilities.
OVERSIGHT_READERS = (Role.KANWIL, Role.PUSAT, Role.ADMIN)
# The review-board dossier holds a person's identity and case: the facility's own people only.
DOSSIER_ROLES = (Role.KEPALA, Role.ADMIN)


def may_read_reports(user) -> bool:
    return user.has_role(*REPORT_ROLES)
