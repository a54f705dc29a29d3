from zoneinfo import ZoneInfo

from django.utils import timezone


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
