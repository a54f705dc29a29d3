"""Real app servers for the cluster tests: gunicorn processes and a Celery worker, and a small
HTTP client that keeps cookies (the Secure flag aside: the test servers speak plain HTTP)."""

import os
import re
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

import urllib3
from django.conf import settings as django_settings

from tests import services

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def database_url() -> str:
    """The test database as a URL, for the processes started here."""
    db = django_settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class App:
    """One gunicorn server on a free port (sync workers when threads is 1, as deployed)."""

    def __init__(self, env: dict, log: Path, threads: int = 2, workers: int = 1):
        self.port = services.free_port()
        self.env, self.log, self.threads, self.workers = env, log, threads, workers
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            str(BIN / "gunicorn"),
            "rutan.wsgi",
            "-b",
            f"127.0.0.1:{self.port}",
            "-w",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--timeout",
            "60",
        ]

    def start(self) -> "App":
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(  # noqa: S603
                self.command(), cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        return self

    def wait(self) -> None:
        """Until a worker answers /health: gunicorn's port opens before its workers have loaded
        Django, which on a busy machine takes several seconds each."""
        services.wait_for(
            lambda: self.process.poll() is not None or self._answers(),
            90,
            "gunicorn",
        )
        if self.process.poll() is not None:
            raise RuntimeError("gunicorn stopped:\n" + self.log.read_text()[-3000:])

    def _answers(self) -> bool:
        try:
            urllib3.request("GET", f"{self.url}/health", retries=False, timeout=5)
        except urllib3.exceptions.HTTPError:
            return False
        return True

    def stop(self) -> None:
        services.process_stop(self.process, 10)


class Worker(App):
    """One Celery worker process (solo pool), ready once its log says so."""

    def command(self) -> list[str]:
        return [
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
        ]

    def wait(self) -> None:
        started = time.monotonic()
        while b"ready." not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() - started > 60:
                raise RuntimeError("the worker did not start:\n" + self.log.read_text()[-3000:])
            time.sleep(0.2)


class Browser:
    """Cookies shared across servers, as one browser talking to a load balancer."""

    def __init__(self):
        self.http = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(connect=2, read=30))
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, **kwargs) -> urllib3.BaseHTTPResponse:
        headers = dict(kwargs.pop("headers", {}))
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, url, headers=headers, redirect=False, **kwargs)
        for header in response.headers.getlist("Set-Cookie"):
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        return response

    def get(self, url: str, **kwargs):
        return self.request("GET", url, **kwargs)

    def csrf(self, url: str) -> str:
        page = self.get(url).data.decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def post(self, url: str, fields, *, form_url: str | None = None, multipart=False):
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        fields = [("csrfmiddlewaretoken", self.csrf(form_url or url)), *items]
        if multipart:
            return self.request("POST", url, fields=fields)
        return self.request("POST", url, fields=fields, encode_multipart=False)

    def sign_in(self, base: str, username: str, password: str):
        return self.post(f"{base}/masuk/", {"username": username, "password": password})


def server_env(**extra) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("S3_", "REDIS", "CELERY"))},
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
