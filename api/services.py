"""Issuing API tokens."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from api.models import ApiToken
from api.models import token_hash
from api.models import token_new
from rutan.models import Region
from rutan.models import User
from rutan.roles import Role


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once, never stored


@transaction.atomic
def api_token_issue(
    *, organisation: str, region: Region | None, days: int, issued_by: User | None = None
) -> IssuedToken:
    """A new token for `organisation`, read-only over `region` (None: the nation), for `days`."""
    raw = token_new()
    hint = raw[len("pulih_") :][:6]
    base = slugify(organisation)[:100] or "organisasi"
    user = User(
        username=f"api-{base}-{hint}".lower()[:150],
        first_name=organisation[:150],
        position="API",
        region=region,
    )
    user.set_unusable_password()
    user.save()
    role = Role.KANWIL if region else Role.PUSAT
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    token = ApiToken.objects.create(
        organisation=organisation,
        region=region,
        user=user,
        key_hash=token_hash(raw),
        key_hint=hint,
        expires_at=timezone.now() + dt.timedelta(days=days),
        issued_by=issued_by,
    )
    return IssuedToken(token=token, raw=raw)
