"""Field and constraint builders that every app's models share.

Records in Pulih are evidence (registers, attendance, evaluations): a reference never deletes
or loses what it points at, a date stays within sensible bounds and is never before the
earlier one it follows, and what happens once is recorded once. These builders say so once;
the fields and constraints they return are the ones the migrations already hold.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models import Q

from rutan import dates


def link(to, verbose_name, related_name: str = "+", *, optional: bool = False, **options):
    """A reference that keeps what it points at (PROTECT): deleting that is refused."""
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )


def user_link(verbose_name, *, optional: bool = False) -> models.ForeignKey:
    """The person who did something to the record (recorded, approved, confirmed it)."""
    return link(settings.AUTH_USER_MODEL, verbose_name, optional=optional)


def user_links(verbose_name, related_name: str) -> models.ManyToManyField:
    """The people (none or several) who take a part in the record, e.g. its facilitators."""
    return models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=verbose_name, blank=True, related_name=related_name
    )


def bounded_date(
    verbose_name, bounds=dates.validate_record_date, *, optional: bool = False, **options
) -> models.DateField:
    """A date refused outside `bounds` (rutan.dates; by default a programme record's bounds).

    `optional`: the date may be left empty.
    """
    if optional:
        options.update(null=True, blank=True)
    return models.DateField(verbose_name, validators=[bounds], **options)


def date_not_before(
    later: str, earlier: str, *, name: str, optional: bool = False, message=None
) -> models.CheckConstraint:
    """`later` is on or after `earlier` (or, when `optional`, not yet set)."""
    condition = Q(**{f"{later}__gte": F(earlier)})
    if optional:
        condition = Q(**{f"{later}__isnull": True}) | condition
    options = {"violation_error_message": message} if message else {}
    return models.CheckConstraint(condition=condition, name=name, **options)


def value_between(field: str, low: int, high: int, *, name: str) -> models.CheckConstraint:
    """A score kept within its scale, both ends included."""
    condition = Q(**{f"{field}__gte": low}) & Q(**{f"{field}__lte": high})
    return models.CheckConstraint(condition=condition, name=name)


def unique(fields: list[str], *, name: str, message=None, **options) -> models.UniqueConstraint:
    """At most one row per combination of `fields`; `message` is what a form shows when not."""
    if message:
        options["violation_error_message"] = message
    return models.UniqueConstraint(fields=fields, name=name, **options)
