import os

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql" and os.environ.get("PULIH_ALLOW_SQLITE") != "1":
        raise pytest.UsageError(
            "The test suite runs on PostgreSQL: set DATABASE_URL=postgres://... "
            "(or run `make test`, which finds or starts one)."
        )
