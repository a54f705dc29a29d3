from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


class FacilityTimezoneMiddleware:
    """Show times in the signed-in user's facility zone (WIB, WITA or WIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = None
        if user is not None and user.is_authenticated and user.facility_id:
            zone = user.facility.timezone
        if zone:
            timezone.activate(ZoneInfo(zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class IndonesianByDefaultMiddleware:
    """Serve Indonesian unless the user picked English with the switch.

    Office PCs in a rutan often run an English browser; the browser's Accept-Language
    must not override the programme's language. The switch's cookie still does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RejectNulBytesMiddleware:
    """Answer 400 to a request whose path, query string or form carries a NUL byte.

    No person types one; it comes from a broken client or a probe, and PostgreSQL refuses it
    in any text value (a 500 wherever it reached a query). One check here instead of one
    per view; uploaded files are checked by whoever reads them (see participants.importing).
    The form is read in `process_view`, after `RequestBodyLimitMiddleware` (listed before this
    one) has refused a body too large to read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET):
            return _nul_refused()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and _has_nul(request.POST):
            return _nul_refused()
        return None


def _nul_refused() -> HttpResponseBadRequest:
    return HttpResponseBadRequest(
        _("Permintaan berisi karakter yang tidak diizinkan (NUL)."),
        content_type="text/plain; charset=utf-8",
    )


def _has_nul(data) -> bool:
    for key in data:
        if "\x00" in key:
            return True
        values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        if any(isinstance(value, str) and "\x00" in value for value in values):
            return True
    return False


class NoStoreForSignedInMiddleware:
    """Nothing a signed-in person is shown may be kept by a browser or a proxy.

    Every page, PDF and spreadsheet behind the sign-in may carry personal data (names, NIK,
    screening results, case articles), so all of them are `no-store, private`. Static files
    are served by WhiteNoise before this runs and keep their long cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
            response.headers.pop("Expires", None)
            response.headers.pop("Last-Modified", None)
            response.headers.pop("ETag", None)
        return response


# Room for the form's other fields and the multipart boundaries around an uploaded file.
UPLOAD_FORM_OVERHEAD = 512 * 1024


def body_limit(max_bytes: int):
    """Let a view (an upload page) accept a request body up to `max_bytes` (outermost decorator)."""

    def decorator(view):
        view.max_body_bytes = max_bytes
        return view

    return decorator


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is larger than its view accepts, before reading it.

    Runs its check in `process_view`, before the CSRF middleware reads the form: a 300 MB POST
    to the sign-in page is answered 413 from its Content-Length alone. Upload views raise their
    own limit with `@body_limit`; the proxy's `client_max_body_size` should be the largest one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = getattr(view_func, "max_body_bytes", settings.REQUEST_BODY_MAX_BYTES)
        if declared <= limit:
            return None
        message = _("Data yang dikirim terlalu besar (%(size)s); paling besar %(max)s.") % {
            "size": filesizeformat(declared),
            "max": filesizeformat(limit),
        }
        return render(request, "413.html", {"message": message}, status=413)
