"""The one home of "a sensible date": bounds for every date a person, an import or a URL gives.

A date outside these bounds is a typo (0001-01-01, 9999-12-31, 2205 for 2025) and, left in,
breaks every page that does date arithmetic on it. Model fields carry the validators below,
so forms, the Django admin and the import refuse such dates with the same message; query
strings are read through `query_day` / `query_month`, which fall back to the page's default.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

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


def years_ahead(years: int, today: dt.date | None = None) -> dt.date:
    """The same day `years` from today (28 February for 29 February)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + years)
    except ValueError:
        return today.replace(year=today.year + years, day=28)


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
