"""A reporting period: a month, a quarter or a year, named in a URL as 2025-11, 2025-Q4 or 2025."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from rutan.dates import month_end
from rutan.dates import months_between

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{1,2})|[Qq](?P<quarter>[1-4])))?$")


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter" or "year"
    start: dt.date
    end: dt.date

    @property
    def slug(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return date_format(self.start, "F Y")
        if self.kind == "quarter":
            return str(
                _("Triwulan %(q)s %(year)s")
                % {"q": (self.start.month - 1) // 3 + 1, "year": self.start.year}
            )
        return str(_("Tahun %(year)s") % {"year": self.start.year})

    def months(self) -> list[dt.date]:
        """The first day of every month of the period."""
        return list(months_between(self.start, self.end))


def period_month(day: dt.date) -> Period:
    start = day.replace(day=1)
    return Period("month", start, month_end(start))


def period_parse(value: str | None) -> Period | None:
    """The period named by `value` ("2025-11", "2025-Q4", "2025"), or None when it names none."""
    match = _PATTERN.match((value or "").strip())
    if not match:
        return None
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        return None
    if match["month"]:
        month = int(match["month"])
        return period_month(dt.date(year, month, 1)) if 1 <= month <= 12 else None
    if match["quarter"]:
        first = (int(match["quarter"]) - 1) * 3 + 1
        return Period("quarter", dt.date(year, first, 1), month_end(dt.date(year, first + 2, 1)))
    return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))
