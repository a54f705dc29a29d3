from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.cache import patch_cache_control


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
