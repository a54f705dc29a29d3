"""Dates at a facility: every "date of" and "today" Pulih shows is read in the facility's zone.

A moment is stored in UTC; `.date()` of it is the UTC date, which in WITA is the previous day
until 08:00. Everything that turns a moment into a date goes through `facility_date`.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone


def facility_zone(facility_or_zone) -> ZoneInfo:
    """The zone of a Facility (or of a zone name such as "Asia/Makassar")."""
    if isinstance(facility_or_zone, ZoneInfo):
        return facility_or_zone
    name = getattr(facility_or_zone, "timezone", facility_or_zone)
    return ZoneInfo(name)


def facility_date(moment: dt.datetime, facility_or_zone) -> dt.date:
    """The calendar date of the aware `moment` at the facility."""
    return timezone.localtime(moment, facility_zone(facility_or_zone)).date()


def facility_today(facility_or_zone, now: dt.datetime | None = None) -> dt.date:
    """Today's date at the facility."""
    return facility_date(now or timezone.now(), facility_or_zone)
