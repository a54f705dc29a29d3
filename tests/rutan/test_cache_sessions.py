"""Cache and sessions: Redis when REDIS_URL is set, this process's memory otherwise."""

import pytest
import redis
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from rutan.env import env_redis_caches
from tests.rutan.test_settings import run_check


def test_without_redis_url_the_cache_is_local_memory(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert env_redis_caches("REDIS_URL")["default"]["BACKEND"].endswith("LocMemCache")


def test_a_bad_redis_url_stops_start_up_naming_the_variable():
    result = run_check(DEBUG="1", REDIS_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


@pytest.fixture
def redis_settings(settings, redis_cache_url, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_cache_url)
    settings.CACHES = env_redis_caches("REDIS_URL")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield redis.Redis.from_url(redis_cache_url)
    caches["default"].close()


def test_the_cache_is_shared_through_redis(redis_settings):
    caches["default"].set("greeting", "halo", 60)
    assert any(b"greeting" in key for key in redis_settings.keys("*"))
    assert caches["default"].get("greeting") == "halo"


def test_a_session_lives_in_redis_and_survives_losing_it(redis_settings, client, petugas):
    client.force_login(petugas)
    assert client.get("/").status_code == 200
    assert any(b"session" in key for key in redis_settings.keys("*"))
    redis_settings.flushdb()
    # Sessions are cached_db: the database still holds the session, nobody is signed out.
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user == petugas


def test_an_invalid_redis_url_raises(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "localhost:6379")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        env_redis_caches("REDIS_URL")
