"""Fixtures giving tests the real service parts: Redis, S3 (SeaweedFS), SMTP (aiosmtpd).

Redis databases 10-14 belong to the tests: each pytest-xdist worker takes two of them (cache and
broker), so parallel workers never see each other's keys.
"""

import email
import os
import uuid

import pytest
from django.core.files.storage import default_storage
from django.core.files.storage import storages
from django.utils.functional import empty

from rutan.env import env_s3_storage
from tests import services


def _worker_index() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker.removeprefix("gw") or 0) % 2


@pytest.fixture(scope="session")
def redis_server():
    """Base URL (no database number) of a Redis that answers; started here if needed."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
    if services.redis_answers(url):
        yield url
        return
    server = services.RedisServer().start()
    try:
        yield server.url
    finally:
        server.stop()


def _emptied_database(redis_server: str, number: int):
    """The Redis database `number` of the server, emptied before and after the test."""
    import redis  # here: redis-py takes 0.15 s to load; only runs using Redis need it

    url = f"{redis_server}/{number}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def redis_cache_url(redis_server):
    """An emptied Redis database for this worker's cache."""
    yield from _emptied_database(redis_server, 10 + 2 * _worker_index())


@pytest.fixture
def redis_broker_url(redis_server):
    """An emptied Redis database for this worker's Celery broker and results."""
    yield from _emptied_database(redis_server, 11 + 2 * _worker_index())


class S3Servers:
    """The run's SeaweedFS, or one of this process's own when that one does not answer.

    Asked again before each test that uses S3: a server that stopped answering halfway through
    a long run (seen once in CI, late in the run) is replaced instead of failing every test
    after it.
    """

    def __init__(self, endpoint: str | None) -> None:
        self.endpoint = endpoint
        self.waited = False
        self.own: services.WeedServer | None = None

    def current(self) -> str:
        if self.endpoint and not self.waited:
            self.waited = True
            try:
                services.wait_for(lambda: services.s3_answers(self.endpoint), 60, "SeaweedFS S3")
            except RuntimeError:
                self.endpoint = None  # the run's server never came up
        if self.endpoint and services.s3_answers(self.endpoint):
            return self.endpoint
        self.stop()
        self.own = services.WeedServer().start()
        self.endpoint = self.own.endpoint
        return self.endpoint

    def stop(self) -> None:
        if self.own is not None:
            self.own.stop()
            self.own = None


@pytest.fixture(scope="session")
def s3_servers():
    servers = S3Servers(os.environ.get("TEST_S3_ENDPOINT"))
    yield servers
    servers.stop()


@pytest.fixture
def s3_endpoint(s3_servers):
    """Endpoint of an S3 server that answers now."""
    return s3_servers.current()


def s3_env(endpoint: str, bucket: str) -> dict:
    """The environment variables that point the app's storage at the test S3 server's bucket."""
    return {
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_ACCESS_KEY_ID": "pulih-test",
        "S3_SECRET_ACCESS_KEY": "pulih-test-secret",
    }


def s3_options(endpoint: str, bucket: str) -> dict:
    variables = s3_env(endpoint, bucket)
    os.environ.update(variables)
    try:
        return env_s3_storage()
    finally:
        for name in variables:
            del os.environ[name]


def create_bucket(endpoint: str, bucket: str) -> None:
    import boto3  # here: boto3 takes 0.2 s to load; only runs using S3 need it

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="pulih-test",
        aws_secret_access_key="pulih-test-secret",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)


@pytest.fixture
def s3_bucket(s3_endpoint):
    """A new, empty bucket on the S3 server."""
    bucket = f"pulih-test-{uuid.uuid4().hex[:12]}"
    create_bucket(s3_endpoint, bucket)
    return bucket


@pytest.fixture
def s3_storage(settings, s3_endpoint, s3_bucket):
    """Django's default storage is a private bucket on the S3 server for this test."""

    settings.STORAGES = {**settings.STORAGES, "default": s3_options(s3_endpoint, s3_bucket)}
    storages._storages.pop("default", None)
    default_storage._wrapped = empty
    yield storages["default"]
    storages._storages.pop("default", None)
    default_storage._wrapped = empty


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content)
        self.messages.append(
            {"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message}
        )
        return "250 OK"

    def only_message(self) -> tuple[str, str]:
        """The one message received: its subject unfolded onto one line, and its decoded body."""
        [mail] = self.messages
        message = mail["message"]
        return " ".join(message["Subject"].split()), message.get_payload(decode=True).decode()


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server on loopback; Django sends to it through its SMTP backend."""
    from aiosmtpd.controller import Controller  # here: aiosmtpd takes 0.4 s to load

    inbox = _Inbox()
    port = services.free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()
