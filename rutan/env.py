"""Strict readers for settings taken from the environment: a bad value names its variable."""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    """A string from the environment, or the default."""
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    """A boolean; accepts 1/0, true/false, yes/no, on/off."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}: expected true/false (1/0, yes/no, on/off), got {raw!r}")


def env_int(name: str, default: int) -> int:
    """A non-negative integer."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {raw!r}") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name}: expected a number >= 0, got {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, sqlite_path: Path) -> dict[str, Any]:
    """Django's DATABASES entry from a URL; SQLite under var/ when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(sqlite_path)}
    scheme = urlsplit(raw).scheme
    if scheme not in {"postgres", "postgresql", "sqlite"}:
        raise ImproperlyConfigured(
            f"{name}: expected a postgres://user@host:port/name or sqlite:///path URL, "
            f"got scheme {scheme or '(none)'!r}"
        )
    try:
        config = dj_database_url.parse(raw)
    except Exception as exc:  # dj-database-url raises several types for bad URLs.
        raise ImproperlyConfigured(f"{name}: cannot parse {raw!r} ({exc})") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name}: the URL names no database")
        # Django's pool requires persistent connections to be off.
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = True
        options = config.setdefault("OPTIONS", {})
        # JIT compiles large-estimate queries at 100+ ms each: a loss on short OLTP pages.
        options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))
        options["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 1),
            "max_size": env_int("DATABASE_POOL_MAX", 10),
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
            # The pool retries a lost connection with a doubling wait (1, 2, 4, 8 s...): after an
            # outage the first request could wait 8 s more than the database. Giving up after a
            # few seconds lets the next request start a fresh attempt at once.
            "reconnect_timeout": env_int("DATABASE_POOL_RECONNECT_TIMEOUT", 3),
        }
    return config


def env_redis_caches(name: str) -> dict[str, Any]:
    """CACHES: Redis when the variable holds a redis:// URL, this process's memory otherwise.

    Short socket timeouts: a cache that does not answer must not hold a request for long.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if urlsplit(raw).scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured(f"{name}: expected a redis://host:port/db URL, got {raw!r}")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": raw,
            "KEY_PREFIX": "pulih",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


def env_s3_storage(prefix: str = "S3_") -> dict[str, Any] | None:
    """STORAGES["default"] for a private S3-compatible bucket, or None when S3_BUCKET is unset."""
    bucket = os.environ.get(f"{prefix}BUCKET", "").strip()
    if not bucket:
        return None
    endpoint = env_str(f"{prefix}ENDPOINT_URL", "")
    if endpoint and urlsplit(endpoint).scheme not in {"http", "https"}:
        raise ImproperlyConfigured(
            f"{prefix}ENDPOINT_URL: expected an http(s):// URL, got {endpoint!r}"
        )
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "access_key": env_str(f"{prefix}ACCESS_KEY_ID", "") or None,
        "secret_key": env_str(f"{prefix}SECRET_ACCESS_KEY", "") or None,
        "region_name": env_str(f"{prefix}REGION", "") or None,
        # Private: objects are read only through the app's access-checked views.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "location": env_str(f"{prefix}PREFIX", ""),
        "addressing_style": env_str(f"{prefix}ADDRESSING_STYLE", "path"),
    }
    from botocore.config import Config  # here: botocore takes 0.2 s to load; only S3 needs it

    # Short waits: a store that does not answer must not hold a request (or /health) for long.
    options["client_config"] = Config(
        connect_timeout=1, read_timeout=10, retries={"max_attempts": 2, "mode": "standard"}
    )
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
