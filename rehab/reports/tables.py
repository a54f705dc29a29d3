"""Report tables as the page, the PDF and the workbook all render them."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.formats import number_format


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False
    nowrap: bool = False

    @property
    def css(self) -> str:
        """Class names shared by the page and the PDF stylesheet."""
        return " ".join(name for name, on in (("num", self.numeric), ("nowrap", self.nowrap)) if on)


def format_cell(value) -> str:
    """A cell as the page and the PDF print it (the workbook keeps the raw value)."""
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return number_format(value, 1)
    if isinstance(value, dt.date):
        return date_format(value, "j M Y")
    if isinstance(value, int):
        return number_format(value)
    return str(value)


def month_label(month: dt.date) -> str:
    return date_format(month, "F Y")


@dataclass
class Table:
    """One table of the report, as the page, the PDF and the workbook all show it."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None
    section: str = ""
    note: str = ""

    @property
    def display_rows(self) -> list[list[tuple[str, str]]]:
        """Rows of (text, CSS class) for the page and the PDF."""
        return [self._display(row) for row in self.rows]

    @property
    def display_total(self) -> list[tuple[str, str]] | None:
        return self._display(self.total) if self.total else None

    def _display(self, row: list) -> list[tuple[str, str]]:
        return [(format_cell(v), c.css) for v, c in zip(row, self.columns, strict=True)]


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
