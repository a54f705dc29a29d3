"""`Authorization: Bearer <token>`: the token's service account, or 401."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication
from rest_framework import exceptions

from api.models import ApiToken
from api.models import token_hash


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Header Authorization tidak valid."))
        raw = parts[1].decode(errors="replace")
        token = (
            ApiToken.objects.select_related("user", "region")
            .filter(key_hash=token_hash(raw))
            .first()
        )
        if token is None or not token.is_usable or not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                _("Token tidak dikenal, sudah dicabut, atau sudah kedaluwarsa.")
            )
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
