"""A real Celery worker process, on this worker's Redis broker database and test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from rutan.celery import app

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = django_settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker(transactional_db, redis_broker_url, tmp_path):
    """Queue tasks to a worker process started here; tasks no longer run in the request."""
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_broker_url,
    }
    with open(log, "wb") as out:
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "rutan",
                "worker",
                "--pool=solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_broker_url
    try:
        started = time.monotonic()
        while b"ready." not in log.read_bytes():
            if process.poll() is not None or time.monotonic() - started > 60:
                raise RuntimeError("the worker did not start:\n" + log.read_text()[-3000:])
            time.sleep(0.2)
        yield log
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
