from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef

from rutan.models import User


class ScopedModelBackend(ModelBackend):
    """ModelBackend that loads the user with the facility, partner, region and roles pages need."""

    def get_user(self, user_id):
        users = User._default_manager.select_related("facility", "partner", "region")
        if connection.vendor == "postgresql":
            # The role names come in the same query as the user: one query per page, not two.
            names = Group.objects.filter(user=OuterRef("pk")).values("name")
            users = users.annotate(group_names=ArraySubquery(names))
        else:
            users = users.prefetch_related("groups")
        try:
            user = users.get(pk=user_id)
        except User.DoesNotExist:
            return None
        if hasattr(user, "group_names"):
            user.roles = user.roles_from(user.group_names)
        return user if self.user_can_authenticate(user) else None


def axes_username(request, credentials) -> str:
    """The username django-axes records for a failed sign-in, cut to what its column holds.

    A hostile sign-in can post any length; axes would then fail to store the attempt (a 500).
    """
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username", "")
    return str(username or "")[:150]
