"""Two-factor sign-in: a TOTP app (RFC 6238) plus single-use recovery codes, via django-otp.

Required for the oversight roles (`SECOND_FACTOR_ROLES`) and superusers whenever
`OTP_REQUIRED` is on (by default: whenever DEBUG is off); anyone else may opt in, and once
they have a confirmed device they are asked for it at every sign-in too.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import Resolver404
from django.urls import resolve
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.roles import SECOND_FACTOR_ROLES

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def role_requires_second_factor(user) -> bool:
    """Oversight roles and superusers, while OTP_REQUIRED is on."""
    return settings.OTP_REQUIRED and (user.is_superuser or user.has_role(*SECOND_FACTOR_ROLES))


# Whether the signed-in user had an authenticator when they signed in, stored by the sign-in
# page so that every later request knows without a query (see `remember_device_state`).
HAS_DEVICE_KEY = "two_factor_has_device"


def remember_device_state(request: HttpRequest) -> None:
    """At sign-in: note whether this user has opted in, for `SecondFactorMiddleware`."""
    request.session[HAS_DEVICE_KEY] = user_has_device(request.user)


def two_factor_required(request: HttpRequest) -> bool:
    """Whether the signed-in user must pass a second factor before anything else: their
    role requires it, or they opted in (noted at sign-in)."""
    return role_requires_second_factor(request.user) or bool(request.session.get(HAS_DEVICE_KEY))


def totp_device_start(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator, created with a fresh secret if there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator with a code from it; returns new recovery codes (shown once)."""
    if not device.verify_token(token):
        return []
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session[HAS_DEVICE_KEY] = True
    return recovery_codes_create(user=device.user)


@transaction.atomic
def recovery_codes_create(*, user) -> list[str]:
    """Replace the user's recovery codes with new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code from the authenticator or a recovery code; mark the session verified."""
    token = "".join((token or "").split()).lower()[:32]
    if not token:
        return False
    with transaction.atomic():
        for device in devices_for_user(request.user, for_verify=True):
            if device.verify_token(token):
                otp_login(request, device)
                return True
    return False


@transaction.atomic
def two_factor_reset(*, user, by) -> None:
    """Remove a user's authenticator and recovery codes (lost phone); they set it up again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(
        user=by, action=AuditAction.ACCOUNT_RESET_TWO_FACTOR, obj=user, facility_id=user.facility_id
    )


def safe_next(request: HttpRequest, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


class SecondFactorMiddleware:
    """Send a signed-in user who still owes a second factor to set it up or enter it."""

    EXEMPT_NAMES = ("two_factor_setup", "two_factor_verify", "logout", "health", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        # Cheapest checks first: most requests need no query here.
        if (
            user is not None
            and user.is_authenticated
            and two_factor_required(request)
            and not user.is_verified()
            and not self._exempt(request)
        ):
            name = "two_factor_verify" if user_has_device(user) else "two_factor_setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _exempt(self, request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # answers 404 and shows nothing
        return match.url_name in self.EXEMPT_NAMES
