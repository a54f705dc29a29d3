"""A form sent twice is saved once: a double click on "Simpan", Back and send again, a request
the network retried.

`@saved_once` remembers, for two minutes, each form a user sent to a page that answered with
a redirect (saved), by a fingerprint of the user, the page and what was sent (every field but
the CSRF token, which differs on every page load, and the uploaded files). The same form sent
again meanwhile does not reach the view: it goes where the first one went, saying it was saved
already. A copy that arrives while the first is still being saved waits for it. A form that
was refused is forgotten, so that sending it again (corrected or not) is an ordinary request.

The memory is the cache: Redis where several app servers share one; this process's memory
otherwise, which covers a double click (the browser's two requests reach the same dev server;
static/js/pulih.js also holds back a second submit while the first is on its way).
"""

import functools
import hashlib
import logging
import time
from collections.abc import Callable

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Long enough for Back and "Simpan" again; short enough that doing the same thing again on
# purpose (consent recorded, withdrawn by mistake, recorded again) is soon an ordinary request.
REMEMBER_SECONDS = 2 * 60
WAIT_SECONDS = 10
_PENDING = "pending"

logger = logging.getLogger(__name__)


def _fingerprint(request: HttpRequest) -> str:
    """The cache key of this user sending exactly this form to this page."""
    digest = hashlib.sha256(f"{request.user.pk}\0{request.path}\0".encode())
    for name in sorted(request.POST):
        if name == "csrfmiddlewaretoken":
            continue
        for value in request.POST.getlist(name):
            digest.update(f"{name}\0{value}\0".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"{name}\0{upload.name}\0".encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return f"sent-form:{digest.hexdigest()}"


def _sent_before(request: HttpRequest, location: str) -> HttpResponse:
    messages.info(
        request,
        _(
            "Isian yang sama baru saja tersimpan dari formulir ini, jadi tidak disimpan dua kali. "
            "Bila memang perlu dicatat sekali lagi, kirim lagi setelah dua menit."
        ),
    )
    return redirect(location)


def _first_went_to(key: str) -> str | None:
    """Where the first copy of this form went, once it is saved; None when this is the first
    (now marked as being saved) or the first is stuck."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not cache.add(key, _PENDING, REMEMBER_SECONDS):
        location = cache.get(key)
        if location not in (None, _PENDING):
            return location
        if time.monotonic() > deadline:
            return None  # the first copy is stuck: let this one be an ordinary request
        time.sleep(0.1)
    return None


def _quietly(call, *args) -> None:
    """A cache write whose failure only means the form is not remembered."""
    try:
        call(*args)
    except Exception:  # any backend's connection error: the save itself has happened
        logger.warning("saved_once: the cache did not answer", exc_info=True)


def saved_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Hand a POST to `view` once; the same form sent again goes where the first one went.

    The memory is a guard, not a precondition: when the cache does not answer (Redis away),
    the form is saved as an ordinary request."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        key = _fingerprint(request)
        try:
            location = _first_went_to(key)
        except Exception:  # any backend's connection error
            logger.warning("saved_once: the cache did not answer", exc_info=True)
            return view(request, *args, **kwargs)
        if location is not None:
            return _sent_before(request, location)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            _quietly(cache.delete, key)
            raise
        if response.status_code in (301, 302, 303) and response.has_header("Location"):
            _quietly(cache.set, key, response["Location"], REMEMBER_SECONDS)
        else:
            _quietly(cache.delete, key)
        return response

    return wrapper
