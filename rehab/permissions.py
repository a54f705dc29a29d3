"""Who reads the programme's reports, dashboard and dossiers."""

from django.utils.translation import gettext_lazy as _

from rutan.navigation import nav_item
from rutan.roles import ALL_ROLES
from rutan.roles import OVERSIGHT_ROLES
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


# Agreements (PKS): the partner and oversight read them; the kepala (or admin) registers them.
AGREEMENT_READERS = (Role.ADMIN, Role.KEPALA, Role.FASILITATOR, Role.KANWIL, Role.PUSAT)
AGREEMENT_EDITORS = (Role.ADMIN, Role.KEPALA)
# Partners' own pages (contacts, their agreements): the facility's head and the administrator.
PARTNER_READERS = (Role.ADMIN, Role.KEPALA)
# Evaluations of participants: written by the partner and the facility, approved by the kepala.
EVALUATION_READERS = (Role.FASILITATOR, Role.PETUGAS, Role.KEPALA, Role.ADMIN)
# Whose home shows what waits for review (the kepala decides, the administrator follows it) ...
EVALUATION_REVIEW_WATCHERS = (Role.KEPALA, Role.ADMIN)
# ... and whose home shows the evaluations due and returned: the partner writes, petugas remind.
EVALUATION_DUE_WATCHERS = (Role.FASILITATOR, Role.PETUGAS)
# Who reads agreements of several facilities, so that lists name each agreement's facility.
AGREEMENT_READERS_ACROSS_FACILITIES = (Role.ADMIN, Role.FASILITATOR, Role.KANWIL, Role.PUSAT)
# The national recap (every facility): Ditjenpas and the administrator; a Kanwil reads its region.
NATIONAL_READERS = (Role.PUSAT, Role.ADMIN)

nav_item(30, _("Angkatan"), "rehab:cohort_list", ALL_ROLES)
nav_item(40, _("Evaluasi"), "rehab:evaluation_list", EVALUATION_READERS)
nav_item(50, _("PKS"), "rehab:agreement_list", AGREEMENT_READERS)
nav_item(60, _("Dasbor"), "rehab:dashboard", REPORT_ROLES)
nav_item(70, _("Laporan"), "rehab:report_index", REPORT_ROLES)
# An administrator reaches the regional pages from the dashboard; the bar is for the readers.
nav_item(80, _("Wilayah"), "rehab:oversight", OVERSIGHT_ROLES)
