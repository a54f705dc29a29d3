from zoneinfo import ZoneInfo

from django.http import HttpResponseBadRequest
from django.utils import timezone
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
    """Answer 400 to a request whose query string or form carries a NUL byte.

    No person types one; it comes from a broken client or a probe, and PostgreSQL refuses it
    in any text value (a 500 wherever it reached a query). One check here instead of one
    per view; uploaded files are checked by whoever reads them (see participants.importing).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET) or _has_nul(_form_data(request)):
            return HttpResponseBadRequest(
                _("Permintaan berisi karakter yang tidak diizinkan (NUL)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _form_data(request):
    # A malformed or oversized body raises here as it would in the view: Django answers 400.
    return request.POST if request.method == "POST" else {}


def _has_nul(data) -> bool:
    for key in data:
        if "\x00" in key:
            return True
        values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        if any(isinstance(value, str) and "\x00" in value for value in values):
            return True
    return False
