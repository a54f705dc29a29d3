import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.db import DataError
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


def leaves_session_idle(view):
    """Mark a view the page calls by itself: it does not push the idle sign-out further."""
    view.leaves_session_idle = True
    return view


class SessionRefreshMiddleware:
    """Push a signed-in session's expiry forward when it is due, not on every request.

    The session ends SESSION_COOKIE_AGE after it was last saved. Saving it on every request
    (SESSION_SAVE_EVERY_REQUEST) costs a database write per page; saving it when a minute has
    passed since the last save (a tenth of the age for ages under ten minutes) keeps the idle
    sign-out within a minute of the configured time, ahead of the page's idle guard, which warns
    three minutes before the end and refreshes the session through the keepalive.
    """

    KEY = "_refreshed_at"

    @classmethod
    def stamp_at_login(cls, sender, request, user, **kwargs) -> None:
        """A new session is saved with a full age: mark it fresh (user_logged_in receiver)."""
        if hasattr(request, "session"):
            request.session[cls.KEY] = int(time.time())

    @staticmethod
    def interval() -> int:
        """Seconds between two saves of a signed-in session."""
        return min(60, settings.SESSION_COOKIE_AGE // 10)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a signed-in session is kept alive; an anonymous or stale cookie gets no new row.
        if session is None or session.session_key is None or AUTH_SESSION_KEY not in session:
            return response
        # A request the page makes by itself (the bell's count) is not the person being active.
        match = getattr(request, "resolver_match", None)
        if match is not None and getattr(match.func, "leaves_session_idle", False):
            return response
        now = int(time.time())
        due = session.get(self.KEY, 0) + self.interval()
        if session.modified or now >= due:
            session[self.KEY] = now
        return response


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
        if request.path.startswith("/api/"):
            # The API reads its own parameters strictly (api/filters) and answers JSON.
            return self.get_response(request)
        if "\x00" in request.path or _has_nul(request.GET):
            return _nul_refused(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and _has_nul(request.POST):
            return _nul_refused(request)
        return None


class OutOfRangeQueryMiddleware:
    """Answer 400 when a read's query value is out of the database's range.

    Page parameters go through bounded parsers (rutan/dates.py); what remains are lookups the
    Django admin builds from any query string (`?period__year=2147483648`), which PostgreSQL
    refuses with a DataError (the admin's date hierarchy with an OverflowError, a year outside
    1..9999 with datetime's ValueError). A GET never
    writes, so nothing is lost by refusing it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if _out_of_range(exception) and request.method in ("GET", "HEAD"):
            return HttpResponseBadRequest(
                _("Nilai pada alamat halaman di luar jangkauan yang dapat dibaca."),
                content_type="text/plain; charset=utf-8",
            )
        return None


def _out_of_range(exception: Exception) -> bool:
    # A year lookup outside 1..9999 (`?period__year=0`) fails in Python's datetime before the
    # database sees it: "year 0 is out of range".
    if isinstance(exception, ValueError) and str(exception).endswith("is out of range"):
        return True
    return isinstance(exception, (DataError, OverflowError))


def _nul_refused(request) -> HttpResponseBadRequest:
    message = _("Permintaan berisi karakter yang tidak diizinkan (NUL).")
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


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
