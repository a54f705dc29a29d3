from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rutan.navigation import nav_items
from rutan.permissions import can_use_admin


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in nav_items():
        if item.roles is not None and not user.has_role(*item.roles):
            continue
        url = reverse(item.url_name)
        items.append(
            {
                "label": item.label,
                "url": url,
                "active": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    if can_use_admin(user):
        items.append({"label": _("Admin"), "url": reverse("admin:index"), "active": False})
    return {"nav_items": items}
