"""Pages of the two-factor sign-in: set up an authenticator, enter a code, manage it."""

import base64

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticToken

from rutan import two_factor


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Kode"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user_has_device(user) and not user.is_verified():
        # Replacing the authenticator needs the current one: a password alone is not enough.
        return redirect("two_factor_verify")
    device = two_factor.totp_device_start(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.totp_device_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes:
            return render(
                request,
                "rutan/two_factor_codes.html",
                {"codes": codes, "next": two_factor.safe_next(request)},
            )
        form.add_error("token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang baru."))
    return render(
        request,
        "rutan/two_factor_setup.html",
        {
            "form": form,
            "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret": _grouped(base64.b32encode(device.bin_key).decode().rstrip("=")),
            "next": request.GET.get("next", ""),
        },
        status=400 if form.errors else 200,
    )


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not user_has_device(request.user):
        return redirect("two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.second_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(two_factor.safe_next(request))
        form.add_error("token", _("Kode salah atau sudah kedaluwarsa."))
    return render(
        request,
        "rutan/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@login_required
def two_factor_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "rutan/two_factor_account.html",
        {
            "enabled": user_has_device(user),
            "required": two_factor.role_requires_second_factor(user),
            "codes_left": StaticToken.objects.filter(device__user=user).count(),
        },
    )


@login_required
@require_POST
def two_factor_new_codes(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return redirect("two_factor_verify")
    codes = two_factor.recovery_codes_create(user=request.user)
    return render(request, "rutan/two_factor_codes.html", {"codes": codes, "next": ""})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor.role_requires_second_factor(user):
        messages.error(request, _("Peran Anda wajib memakai verifikasi dua langkah."))
    elif user.is_verified():
        two_factor.two_factor_reset(user=user, by=user)
        request.session[two_factor.HAS_DEVICE_KEY] = False
        messages.success(request, _("Verifikasi dua langkah dimatikan."))
    return redirect("two_factor_account")
