"""Reading dates PostgreSQL holds but Python cannot (before year 1 or after 9999).

A session typed as 0001-01-01 00:00 WITA is stored as a timestamp in 1 BC (UTC); loading it
raised on every page listing it (home pages, the cohort page, the admin list) until someone
edited the database. Validators (rutan/dates.py) now refuse such dates; this keeps the rows
already stored readable: they load as the earliest (or latest) datetime Python has, so the
page shows an obviously wrong date that can be corrected instead of an error.
"""

import datetime as dt

import psycopg
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from psycopg.postgres import types
from psycopg.pq import Format

EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)
# A day short of the end, so that showing it in a facility's zone (UTC+7..+9) cannot overflow.
LATEST = (dt.datetime.max - dt.timedelta(days=1)).replace(tzinfo=dt.UTC)


def _clamping(loader_class: type, earliest, latest) -> type:
    """A subclass of a psycopg loader that answers earliest/latest instead of raising."""

    class Clamping(loader_class):
        clamps_out_of_range = True

        def load(self, data):
            try:
                return super().load(data)
            except psycopg.DataError:
                # Text says "... BC" for the past; anything else out of range is the future.
                return earliest if bytes(data).endswith(b" BC") or b"BC" in bytes(data) else latest

    Clamping.__name__ = f"Clamping{loader_class.__name__}"
    return Clamping


@receiver(connection_created)
def clamp_out_of_range_dates(sender, connection, **kwargs) -> None:
    if connection.vendor != "postgresql":
        return
    adapters = connection.connection.adapters
    for name, earliest, latest in (
        ("timestamptz", EARLIEST, LATEST),
        ("date", dt.date.min, dt.date.max - dt.timedelta(days=1)),
    ):
        oid = types[name].oid
        # Django reads results as text; binary loaders are compiled and cannot be extended.
        loader = adapters.get_loader(oid, Format.TEXT)
        if loader is None or getattr(loader, "clamps_out_of_range", False):
            continue
        try:
            clamping = _clamping(loader, earliest, latest)
        except TypeError:  # a compiled loader (psycopg_binary) cannot be subclassed
            continue
        adapters.register_loader(name, clamping)
