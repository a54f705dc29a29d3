"""/health within a second whatever is down; JSON request logs without personal data; Sentry."""

import json
import logging
import time

import pytest
from django.urls import reverse

from rutan import health
from rutan.logs import JsonFormatter
from tests import services
from tests.factories import ParticipantFactory
from tests.rutan.test_settings import with_real_settings
from tests.service_fixtures import s3_options

pytestmark = pytest.mark.django_db


def timed_get(client, url="/health"):
    started = time.perf_counter()
    response = client.get(url)
    return response, time.perf_counter() - started


def test_health_checks_every_configured_part(
    client, settings, redis_cache_url, s3_endpoint, s3_bucket
):
    settings.REDIS_URL = settings.CELERY_BROKER_URL = redis_cache_url
    settings.STORAGES = {**settings.STORAGES, "default": s3_options(s3_endpoint, s3_bucket)}
    # The first probe builds the S3 client (boto3's start-up can pass the 0.8 s deadline on a
    # loaded CI machine); this test is about which parts are checked, the next about timing.
    timed_get(client)
    response, seconds = timed_get(client)
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "storage": "ok",
    }
    assert "detail" not in response.json()  # timings and errors are for administrators


def test_health_answers_503_within_a_second_when_the_database_is_unreachable(client, monkeypatch):
    # A black-hole address: the connection attempt hangs instead of being refused.
    monkeypatch.setattr(
        health, "database_params", lambda: {"host": "10.255.255.1", "dbname": "x", "user": "x"}
    )
    response, seconds = timed_get(client)
    assert response.status_code == 503 and response.json()["database"] == "unavailable"
    assert seconds < 1


def test_health_answers_503_within_a_second_when_redis_is_down(client, settings, admin_user):
    dead = f"redis://127.0.0.1:{services.free_port()}/10"
    settings.REDIS_URL = settings.CELERY_BROKER_URL = dead
    client.force_login(admin_user)
    response, seconds = timed_get(client)
    assert response.status_code == 503 and seconds < 1
    body = response.json()
    assert (body["database"], body["cache"], body["broker"]) == ("ok", "unavailable", "unavailable")
    assert "ConnectionError" in body["detail"]["cache"]["error"]  # an administrator sees why


def test_each_request_writes_one_json_line_without_names(client, petugas, caplog):
    ParticipantFactory(facility=petugas.facility, name="Budi Santoso", nik="6471990101900001")
    client.force_login(petugas)
    with caplog.at_level(logging.INFO, logger="pulih.request"):
        response = client.get(reverse("participants:list") + "?q=Budi+Santoso")
    [record] = [r for r in caplog.records if r.name == "pulih.request"]
    line = JsonFormatter().format(record)
    data = json.loads(line)
    assert data["request_id"] == response["X-Request-ID"]
    assert (data["user_id"], data["facility_id"], data["status"]) == (
        petugas.pk,
        petugas.facility_id,
        200,
    )
    assert data["duration_ms"] > 0 and data["route"] == "peserta/"
    assert "Budi" not in line and "6471990101900001" not in line


def test_a_request_id_from_the_proxy_is_kept(client):
    response = client.get("/health", headers={"X-Request-ID": "abc123def456"})
    assert response["X-Request-ID"] == "abc123def456"


def test_sentry_starts_when_sentry_dsn_is_set():
    code = "import django; django.setup(); import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    result = with_real_settings(
        ["-c", code],
        {"DEBUG": "1", "SENTRY_DSN": "http://public@127.0.0.1:9/1"},
        keep={"PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == "True", result.stderr
