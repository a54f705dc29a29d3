from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rutan.permissions import can_use_admin
from rutan.roles import OVERSIGHT_ROLES, Role

# (label, url name, roles that see it). Partners and modules are reached from the PKS and
# cohort pages, so the bar fits a 10-inch tablet.
NAVIGATION = [
    (_("Beranda"), "home", None),
    (_("Warga binaan"), "participants:list", {Role.PETUGAS, Role.KEPALA, Role.ADMIN}),
    (_("Sesi"), "sessions:list", {Role.PETUGAS, Role.FASILITATOR, Role.KEPALA, Role.ADMIN}),
    (_("Angkatan"), "rehab:cohort_list", {Role.PETUGAS, Role.FASILITATOR, Role.KEPALA, Role.ADMIN}),
    (
        _("Evaluasi"),
        "rehab:evaluation_list",
        {Role.FASILITATOR, Role.PETUGAS, Role.KEPALA, Role.ADMIN},
    ),
    (
        _("PKS"),
        "rehab:agreement_list",
        {Role.FASILITATOR, Role.KEPALA, Role.ADMIN, *OVERSIGHT_ROLES},
    ),
    (_("Dasbor"), "rehab:dashboard", {Role.KEPALA, Role.ADMIN, *OVERSIGHT_ROLES}),
    (_("Laporan"), "rehab:report_index", {Role.KEPALA, Role.ADMIN, *OVERSIGHT_ROLES}),
    (_("Wilayah"), "rehab:oversight", set(OVERSIGHT_ROLES)),
    (_("Jejak audit"), "audit_trail", {Role.KEPALA, Role.ADMIN}),
    (_("Bapas"), "aftercare:list", {Role.BAPAS, Role.KEPALA, Role.ADMIN}),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for label, url_name, roles in NAVIGATION:
        if roles is not None and not user.has_role(*roles):
            continue
        url = reverse(url_name)
        items.append(
            {
                "label": label,
                "url": url,
                "active": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    if can_use_admin(user):
        items.append({"label": _("Admin"), "url": reverse("admin:index"), "active": False})
    return {"nav_items": items}
