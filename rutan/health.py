"""Health checks that answer within a second whatever is down.

Each part is probed in its own thread with short connect timeouts; whatever has not answered by
the deadline counts as down. The database is probed on a fresh connection, never through the
pool (whose wait for a connection is ten seconds).
"""

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import psycopg
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections

from rutan.logs import REQUEST_ID
from rutan.logs import request_logger

DEADLINE = 0.8  # seconds, for all checks together
_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="health")


def database_params() -> dict:
    db = settings.DATABASES["default"]
    options = {k: v for k, v in db.get("OPTIONS", {}).items() if k not in ("pool", "options")}
    return {
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        **options,
    }


def check_database() -> None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return
    # libpq's shortest connect timeout is 2 s; the deadline answers before it. A server that
    # accepts but hangs is cut by statement_timeout, so the probe's thread is not held long.
    with psycopg.connect(
        **database_params(), connect_timeout=2, options="-c statement_timeout=500"
    ) as conn:
        conn.execute("SELECT 1").fetchone()


def _redis_ping(url: str) -> None:
    import redis  # here: redis-py takes 0.15 s to load, and only a Redis installation needs it

    client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        client.ping()
    finally:
        client.close()


def check_storage() -> None:
    client = default_storage.connection.meta.client
    client.head_bucket(Bucket=default_storage.bucket_name)


def checks() -> dict:
    """The parts this installation uses, by name."""
    found = {"database": check_database}
    if settings.REDIS_URL:
        found["cache"] = lambda: _redis_ping(settings.REDIS_URL)
    broker = getattr(settings, "CELERY_BROKER_URL", "")
    if broker and broker.startswith(("redis://", "rediss://")):
        found["broker"] = lambda: _redis_ping(broker)
    if settings.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage":
        found["storage"] = check_storage
    return found


def _timed(check) -> float:
    started = time.perf_counter()
    check()
    return time.perf_counter() - started


def health_run() -> dict[str, dict]:
    """{part: {"ok": bool, "ms": int, "error": str}} within DEADLINE seconds."""
    started = time.perf_counter()
    futures = {name: _executor.submit(_timed, check) for name, check in checks().items()}
    results = {}
    for name, future in futures.items():
        remaining = max(0.0, DEADLINE - (time.perf_counter() - started))
        try:
            seconds = future.result(timeout=remaining)
            results[name] = {"ok": True, "ms": round(seconds * 1000)}
        except FutureTimeout:
            results[name] = {"ok": False, "ms": round(DEADLINE * 1000), "error": "timeout"}
        except Exception as error:  # noqa: BLE001 (any failure means the part is down)
            results[name] = {
                "ok": False,
                "ms": round((time.perf_counter() - started) * 1000),
                "error": f"{type(error).__name__}: {str(error)[:200]}",
            }
    return results


def health_body(results: dict) -> tuple[int, dict]:
    healthy = all(result["ok"] for result in results.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if r["ok"] else "unavailable" for name, r in results.items()})
    return (200 if healthy else 503), body


class HealthFirst:
    """WSGI wrapper: a monitor's GET /health (no cookie) is answered before Django's request
    handling, whose start and end signals tidy database connections and can wait for the pool
    while the database is down. A signed-in administrator's request goes through Django (for
    the detail)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if (
            environ.get("PATH_INFO") != "/health"
            or environ.get("REQUEST_METHOD") != "GET"
            or environ.get("HTTP_COOKIE")
        ):
            return self.application(environ, start_response)
        started = time.perf_counter()
        status, body = health_body(health_run())
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        payload = json.dumps(body).encode()
        start_response(
            "200 OK" if status == 200 else "503 Service Unavailable",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "no-cache, no-store, must-revalidate, private, max-age=0"),
                ("X-Request-ID", request_id),
            ],
        )
        request_logger.info(
            "request",
            extra={
                "request_id": request_id,
                "method": "GET",
                "route": "health",
                "view": "health",
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": None,
                "facility_id": None,
            },
        )
        return [payload]
