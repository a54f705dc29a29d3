"""The one home of dates: sensible bounds, month arithmetic, and "today" at a facility.

Bounds: every date a person, an import or a URL gives.
A date outside these bounds is a typo (0001-01-01, 9999-12-31, 2205 for 2025) and, left in,
breaks every page that does date arithmetic on it. Model fields carry the validators below,
so forms, the Django admin and the import refuse such dates with the same message; query
strings are read through `query_day` / `query_month`, which fall back to the page's default.
"""

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Choices for a day of the week, as date.weekday() numbers them.
WEEKDAYS = [
    (0, _("Senin")),
    (1, _("Selasa")),
    (2, _("Rabu")),
    (3, _("Kamis")),
    (4, _("Jumat")),
    (5, _("Sabtu")),
    (6, _("Minggu")),
]
# Nobody in a programme was born before this.
EARLIEST_BIRTH = dt.date(1900, 1, 1)
# Custody dates (admission, register changes): long sentences reach back decades.
EARLIEST_CUSTODY = dt.date(1970, 1, 1)
# Expected release: a long sentence ends decades ahead.
RELEASE_YEARS_AHEAD = 30
# Programme records (sessions, screenings, consents, enrolments, evaluations, agreements).
EARLIEST_RECORD = dt.date(2000, 1, 1)
RECORD_YEARS_AHEAD = 10
# Dates read from a query string (calendars, dashboards, filters).
EARLIEST_QUERY = EARLIEST_RECORD
QUERY_YEARS_AHEAD = RECORD_YEARS_AHEAD


# Dates at a facility. A moment is stored in UTC; `.date()` of it is the UTC date, which in WITA
# is the previous day until 08:00. Everything that turns a moment into a date goes through
# `facility_date`, and every "today" of a page through `facility_today` / `today_for`.


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


def today_for(user) -> dt.date:
    """Today at the user's facility (the server's date for users of no one facility)."""
    return facility_today(user.facility) if user.facility_id else timezone.localdate()


# Month and year arithmetic


def month_start(day: dt.date) -> dt.date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    """The last day of `month`'s month."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (earlier when negative); the month's last day when it has no such day."""
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    first = dt.date(year, index + 1, 1)
    return first.replace(day=min(day.day, month_end(first).day))


def previous_month(month: dt.date) -> dt.date:
    """The first day of the month before `month`'s."""
    return add_months(month_start(month), -1)


def months_between(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The first day of every month from `first`'s to `last`'s, both included."""
    month = month_start(first)
    while month <= last:
        yield month
        month = add_months(month, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (earlier when negative); 28 February for 29 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def years_ahead(years: int, today: dt.date | None = None) -> dt.date:
    """The same day `years` from today (28 February for 29 February)."""
    return add_years(today or timezone.localdate(), years)


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def check_range(value, earliest: dt.date, latest: dt.date, message=None) -> None:
    """Raise ValidationError when `value` (a date or datetime) lies outside [earliest, latest]."""
    day = _as_date(value)
    if day is None or earliest <= day <= latest:
        return
    raise ValidationError(
        message or _("Tanggal harus antara %(earliest)s dan %(latest)s."),
        code="date_out_of_range",
        params={"earliest": date_format(earliest, "j F Y"), "latest": date_format(latest, "j F Y")},
    )


def validate_birth_date(value) -> None:
    check_range(
        value,
        EARLIEST_BIRTH,
        timezone.localdate(),
        _("Tanggal lahir harus antara %(earliest)s dan hari ini (%(latest)s)."),
    )


def validate_custody_date(value) -> None:
    check_range(
        value,
        EARLIEST_CUSTODY,
        timezone.localdate(),
        _("Tanggal harus antara %(earliest)s dan hari ini (%(latest)s)."),
    )


def validate_release_date(value) -> None:
    check_range(value, EARLIEST_CUSTODY, years_ahead(RELEASE_YEARS_AHEAD))


def validate_record_date(value) -> None:
    check_range(value, EARLIEST_RECORD, years_ahead(RECORD_YEARS_AHEAD))


def validate_past_date(value) -> None:
    """A date in the past that may lie long ago (a foundation's legal date)."""
    check_range(
        value,
        EARLIEST_BIRTH,
        timezone.localdate(),
        _("Tanggal harus antara %(earliest)s dan hari ini (%(latest)s)."),
    )


def date_error(validator, value) -> str | None:
    """The validator's message for `value`, or None when it is acceptable (for imports)."""
    try:
        validator(value)
    except ValidationError as error:
        return error.messages[0]
    return None


# Query strings


def query_day(raw: str | None) -> dt.date | None:
    """An ISO date from a query string, or None when missing, malformed or out of bounds."""
    if not raw or len(raw) > 10:
        return None
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return None
    return day if EARLIEST_QUERY <= day <= years_ahead(QUERY_YEARS_AHEAD) else None


MONTH_FORMATS = ("%Y-%m", "%m/%Y", "%m-%Y", "%Y-%m-%d")


def query_month(raw: str | None) -> dt.date | None:
    """A month (as its first day) from a query string: 2025-11, 11/2025 or a date in it;
    None when missing, malformed or out of bounds."""
    if not raw or len(raw) > 10:
        return None
    for fmt in MONTH_FORMATS:
        try:
            day = dt.datetime.strptime(raw, fmt).date().replace(day=1)
        except ValueError:
            continue
        latest = years_ahead(QUERY_YEARS_AHEAD)
        return day if EARLIEST_QUERY <= day <= latest else None
    return None
