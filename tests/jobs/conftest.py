"""A real Celery worker process, on this worker's Redis broker database and test database."""

import os

import pytest

from rutan.celery import app
from tests.cluster.servers import Worker
from tests.cluster.servers import database_url


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
    worker = Worker(env, log).start()
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_broker_url
    try:
        worker.wait()
        yield log
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        worker.stop()
