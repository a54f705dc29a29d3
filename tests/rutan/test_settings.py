import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from rutan import settings as real_settings
from rutan.env import env_bool
from rutan.env import env_database
from rutan.env import env_int
from rutan.env import env_list

ROOT = Path(__file__).resolve().parents[2]


def with_real_settings(
    args: list[str], env: dict, *, keep=os.environ, drop=frozenset()
) -> subprocess.CompletedProcess:
    """Python with `args`, run in the project folder on rutan.settings (not the tests'), in the
    environment `keep` less the variables in `drop`, plus `env`."""
    kept = {k: v for k, v in keep.items() if k not in drop}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**kept, "DJANGO_SETTINGS_MODULE": "rutan.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_check(**env: str) -> subprocess.CompletedProcess:
    return with_real_settings(["manage.py", "check"], env, drop={"SECRET_KEY", "DEBUG"})


def test_it_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_check(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_names_the_variable_holding_a_bad_boolean():
    result = run_check(DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr and "perhaps" in result.stderr


def test_it_starts_in_debug_with_a_development_key():
    result = run_check(DEBUG="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("raw,expected", [("1", True), ("yes", True), ("off", False), ("", False)])
def test_it_reads_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG", not expected) is expected


def test_it_rejects_a_non_numeric_integer(monkeypatch):
    monkeypatch.setenv("AXES_FAILURE_LIMIT", "ten")
    with pytest.raises(ImproperlyConfigured, match="AXES_FAILURE_LIMIT"):
        env_int("AXES_FAILURE_LIMIT", 10)


def test_it_splits_lists_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "pulih.example, ,rutan.example")
    assert env_list("ALLOWED_HOSTS", []) == ["pulih.example", "rutan.example"]


def test_it_rejects_an_unknown_database_scheme(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/pulih")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", tmp_path / "db.sqlite3")


def test_it_configures_the_postgres_pool(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pulih")
    config = env_database("DATABASE_URL", tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["CONN_MAX_AGE"] == 0 and config["CONN_HEALTH_CHECKS"] is True
    assert "pool" in config["OPTIONS"]


def test_it_defaults_to_sqlite_under_var(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env_database("DATABASE_URL", tmp_path / "var" / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert (tmp_path / "var").is_dir()


def test_it_passes_the_deploy_check_with_debug_off():
    result = with_real_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-like-secret-key-for-the-deploy-check-0987",
            "ALLOWED_HOSTS": "pulih.example",
        },
        drop={"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"},
    )
    assert result.returncode == 0, result.stderr


def test_it_hashes_passwords_with_argon2_first():
    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_it_turns_postgres_jit_off_for_the_apps_connections(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pulih")
    config = env_database("DATABASE_URL", tmp_path / "db.sqlite3")
    assert "-c jit=off" in config["OPTIONS"]["options"]


@pytest.mark.django_db
def test_its_database_connection_runs_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
