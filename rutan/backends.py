from django.contrib.auth.backends import ModelBackend

from rutan.models import User


class ScopedModelBackend(ModelBackend):
    """ModelBackend that loads the user with the facility, partner and roles every page needs."""

    def get_user(self, user_id):
        try:
            user = (
                User._default_manager.select_related("facility", "partner")
                .prefetch_related("groups")
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
