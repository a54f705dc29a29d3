"""The stable pseudonymous participant id of the API: no name, NIK, birth date or number."""

import hashlib
import hmac

from django.conf import settings


def participant_pseudonym(pk: int) -> str:
    """HMAC-SHA256 of the primary key under API_PSEUDONYM_KEY, first 20 hex digits."""
    digest = hmac.new(settings.API_PSEUDONYM_KEY.encode(), str(pk).encode(), hashlib.sha256)
    return digest.hexdigest()[:20]
