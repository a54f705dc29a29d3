"""Two-factor sign-in with a real authenticator: codes computed by RFC 6238 from the secret
the setup page shows, exactly as a phone app does."""

import base64
import hashlib
import hmac
import importlib
import re
import struct
import time

import pytest
from django.contrib import admin
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

import rutan.settings
from rutan.models import AuditEvent
from tests.factories import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def totp(secret: str, at: float | None = None, step: int = 30) -> str:
    """RFC 6238 (HMAC-SHA1, 6 digits, 30 s), written out independently of django-otp."""
    secret = secret.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED = True


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def set_up(client, *, follow_next="/"):
    page = client.get(reverse("two_factor_setup"), {"next": follow_next})
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page.content.decode())[1]
    response = client.post(
        reverse("two_factor_setup"), {"token": totp(secret), "next": follow_next}
    )
    assert response.status_code == 200
    codes = re.findall(r'<li class="col">([a-z2-7]+)</li>', response.content.decode())
    return secret, codes


def test_a_kepala_must_set_up_an_authenticator_before_anything(client, kepala, required):
    sign_in(client, kepala)
    response = client.get(reverse("participants:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    secret, codes = set_up(client, follow_next=reverse("participants:list"))
    assert len(codes) == 10
    assert client.get(reverse("participants:list")).status_code == 200


def test_the_next_sign_in_asks_for_the_code_and_refuses_a_wrong_one(client, kepala, required):
    sign_in(client, kepala)
    secret, _codes = set_up(client)
    client.post(reverse("logout"))
    sign_in(client, kepala)
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))
    wrong = f"{(int(totp(secret)) + 1) % 1_000_000:06d}"
    refused = client.post(reverse("two_factor_verify"), {"token": wrong})
    assert refused.status_code == 400 and "Kode salah" in refused.content.decode()
    assert client.get(reverse("home")).status_code == 302
    time.sleep(1.1)  # django-otp throttles a device for a second after a wrong code
    # The next 30-second window's code (the device accepts one step of drift).
    accepted = client.post(
        reverse("two_factor_verify"), {"token": totp(secret, time.time() + 30), "next": "/"}
    )
    assert accepted.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_recovery_code_signs_in_once(client, kepala, required):
    sign_in(client, kepala)
    _secret, codes = set_up(client)
    for attempt in (1, 2):
        client.post(reverse("logout"))
        sign_in(client, kepala)
        response = client.post(reverse("two_factor_verify"), {"token": codes[0]})
        assert response.status_code == (302 if attempt == 1 else 400)


def test_a_password_alone_cannot_replace_the_authenticator(client, kepala, required):
    sign_in(client, kepala)
    set_up(client)
    client.post(reverse("logout"))
    sign_in(client, kepala)
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"] == reverse("two_factor_verify")
    assert TOTPDevice.objects.filter(user=kepala).count() == 1


def test_admin_reset_lets_a_user_with_a_lost_phone_set_up_again(
    client, kepala, admin_user, required
):
    TOTPDevice.objects.create(user=kepala, name="authenticator", confirmed=True)
    admin_device = TOTPDevice.objects.create(user=admin_user, name="a", confirmed=True)

    client.force_login(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = admin_device.persistent_id
    session.save()
    response = client.post(
        reverse("admin:rutan_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [kepala.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=kepala).exists()
    assert AuditEvent.objects.filter(
        action="account.reset_two_factor", object_id=str(kepala.pk), user=admin_user
    ).exists()
    client.force_login(kepala)
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_setup"))


def test_petugas_sign_in_with_a_password_but_may_opt_in(client, petugas, required):
    sign_in(client, petugas)
    assert client.get(reverse("home")).status_code == 200
    set_up(client)
    client.post(reverse("logout"))
    sign_in(client, petugas)
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))


def test_without_the_setting_the_demo_kepala_signs_in_with_the_password(client, settings):
    settings.OTP_REQUIRED = False
    kepala = UserFactory(role="kepala")
    sign_in(client, kepala)
    assert client.get(reverse("home")).status_code == 200


def test_the_setting_is_on_whenever_debug_is_off(monkeypatch):
    try:
        monkeypatch.delenv("OTP_REQUIRED", raising=False)
        monkeypatch.setenv("DEBUG", "0")
        monkeypatch.setenv("SECRET_KEY", "x" * 60)
        assert importlib.reload(rutan.settings).OTP_REQUIRED is True
        monkeypatch.setenv("DEBUG", "1")
        assert importlib.reload(rutan.settings).OTP_REQUIRED is False
    finally:
        monkeypatch.undo()
        importlib.reload(rutan.settings)


def test_authenticator_secrets_are_not_shown_in_the_admin():
    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)
