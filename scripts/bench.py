"""`make bench`: the app served as deployed, timed page by page against two floors.

1. Makes sure the database (BENCH_DATABASE_URL, default DATABASE_URL's name + `_bench`) holds the scale
   data set (`seed_scale --facilities $BENCH_FACILITIES`, default 20; 500 is national size).
2. Starts gunicorn (3 workers, DEBUG off) on a free loopback port.
3. Times each key page as the demo user who opens it (p50/p95 over BENCH_REPEATS requests) and
   divides by two floors measured in the same run: `/health` and the password-change page (an
   authenticated page in the base layout with no data of its own). Queries per page are counted
   in-process with Django's test client against the same database.
4. A mixed run: BENCH_USERS signed-in users (default 100) on the read pages, with a think time
   of about 5 s between clicks and without, BENCH_MIXED_SECONDS each (default 60 and 30).
   Reads only: a hundred people saving one sheet would meet its version check by design.

Prints one table. Loopback only; everything it starts it stops.
"""

import http.client
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FACILITIES = int(os.environ.get("BENCH_FACILITIES", "20"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "20"))
USERS = int(os.environ.get("BENCH_USERS", "100"))
THINK_SECONDS = float(os.environ.get("BENCH_THINK_SECONDS", "5"))
MIXED_SECONDS = int(os.environ.get("BENCH_MIXED_SECONDS", "60"))
WORKERS = os.environ.get("BENCH_WORKERS", "3")
PASSWORD = "pulih-demo"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url() -> str:
    """Redis for the cache and the sessions, as deployed, when one answers on loopback
    (BENCH_REDIS_URL, default database 3 of 127.0.0.1:6379); none otherwise."""
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    host, _, port = url.split("//", 1)[1].split("/", 1)[0].partition(":")
    try:
        with socket.create_connection((host, int(port or 6379)), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return url if sock.recv(16).startswith(b"+PONG") else ""
    except OSError:
        return ""


def environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_POOL_MAX": os.environ.get("DATABASE_POOL_MAX", "4"),
        "REDIS_URL": redis_url(),
        # No worker runs in the bench: PDFs render in the request (a closed month's is kept).
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "ERROR",
        "PULIH_LOG_LEVEL": "WARNING",  # a request line each would swamp the table
        # Signed in with the password alone: the kepala's and admin's second factor is a
        # sign-in step, not a cost of the pages timed here.
        "OTP_REQUIRED": "0",
    }


def ensure_database(database_url: str) -> None:
    name = database_url.rsplit("/", 1)[1].split("?")[0]
    server = database_url.rsplit("/", 1)[0] + "/postgres"
    import psycopg  # here: the script's imports stay the standard library until it needs more

    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


class Client:
    """A tiny HTTP client with a cookie jar, for one user, over loopback."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, content

    def login(self, username: str) -> None:
        self.request("GET", "/masuk/")
        status, _ = self.request(
            "POST",
            "/masuk/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        assert status == 302, f"login of {username} answered {status}"


def targets(env: dict[str, str]):
    """The demo facility's objects the pages open (read in-process; rutan.scale_pages)."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rutan.settings")
    sys.path.insert(0, str(ROOT))
    # Here: Django and the app load only after the bench database's environment is set above.
    import django

    django.setup()
    from rutan.scale_pages import targets as scale_targets

    return scale_targets("SC")


def pages(ids) -> list[tuple[str, str, str]]:
    """(label, user, path) of each timed read page; the first two are the floors."""
    from rutan.scale_pages import key_pages

    return [("/health (floor)", "", "/health"), *key_pages(ids)]


# --- Oversight pages at national size (owner: regional) -----------------------------------------


def oversight_summaries(env: dict[str, str]) -> float:
    """Compute the summary the national pages read (what celery beat keeps), in seconds."""
    started = time.monotonic()
    manage(env, "refresh_summaries", "--all")
    return time.monotonic() - started


# ---------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_page(client: Client, path: str, repeats: int) -> list[float]:
    status, _ = client.request("GET", path)  # warm-up: templates, fonts, connection, cache
    assert status == 200, f"{path} answered {status}"
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        status, _ = client.request("GET", path)
        timings.append(time.perf_counter() - started)
        assert status == 200, f"{path} answered {status}"
    return timings


def time_attendance_save(client: Client, session_pk: int, repeats: int) -> list[float]:
    path = f"/sesi/{session_pk}/kehadiran/"
    timings = []
    for n in range(repeats):
        _, page = client.request("GET", path)
        html = page.decode()
        version = re.search(r'name="version" value="(\d+)"', html).group(1)
        people = sorted(set(re.findall(r'name="status_(\d+)"', html)))
        body = {"version": version, "csrfmiddlewaretoken": client.cookies["csrftoken"]}
        for i, pk in enumerate(people):
            late = n % 2 and i < 5
            body[f"status_{pk}"] = "late" if late else "present"
            body[f"reason_{pk}"] = ""
        started = time.perf_counter()
        status, _ = client.request("POST", path, body)
        timings.append(time.perf_counter() - started)
        assert status == 302, f"attendance save answered {status}"
    return timings


def query_counts(page_list) -> dict[str, int]:
    # Here: Django is set up by targets(), which main() runs first.
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    from rutan.models import User

    counts = {}
    clients = {}
    for label, username, path in page_list:
        if username not in clients:
            client = DjangoClient()
            if username:
                client.force_login(User.objects.get(username=username))
                client.get("/")  # stamps the session's refresh time
            clients[username] = client
        client = clients[username]
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts[label] = len(captured.captured_queries)
    return counts


def mixed_run(port: int, page_list, users: int, think: float, seconds: int) -> dict:
    """`users` signed-in users clicking through the read pages for `seconds`."""
    readers = [(u, p) for label, u, p in page_list if u and "PDF" not in label]
    by_user: dict[str, list[str]] = {}
    for username, path in readers:
        by_user.setdefault(username, []).append(path)
    names = sorted(by_user)
    clients = []
    for n in range(users):
        client = Client(port)
        client.login(names[n % len(names)])
        clients.append((client, by_user[names[n % len(names)]]))
    timings: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(client: Client, paths: list[str], rng: random.Random) -> None:
        if think:
            time.sleep(rng.uniform(0, think))  # users do not all click at once
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                status, _ = client.request("GET", path)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                timings.append(elapsed)
                if status != 200:
                    errors[0] += 1
            if think:
                time.sleep(rng.uniform(think / 2, think * 1.5))

    threads = [
        threading.Thread(target=user, args=(c, p, random.Random(i)), daemon=True)
        for i, (c, p) in enumerate(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    return {
        "requests": len(timings),
        "errors": errors[0],
        "rps": len(timings) / elapsed,
        "p50": percentile(timings, 0.5) if timings else 0.0,
        "p95": percentile(timings, 0.95) if timings else 0.0,
    }


def bench_database_url() -> str:
    """A database of its own (`<name>_bench` beside DATABASE_URL's): the scale set stays there
    between runs and never lands in a development database."""
    return os.environ.get("BENCH_DATABASE_URL") or (
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pulih").split("?")[0]
        + "_bench"
    )


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    """gunicorn serving the app as deployed, on `port`."""
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "rutan.wsgi",
            "--workers",
            WORKERS,
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:  # a worker stuck on a slow request: the table matters
        server.kill()
        server.wait()


def wait_for_health(port: int) -> None:
    """Until /health answers 200 (about 20 seconds at most)."""
    for _ in range(100):
        try:
            if Client(port).request("GET", "/health")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)


def measure(port: int, ids, page_list) -> tuple[list, dict, dict, dict]:
    """Timings per page (and the attendance save), query counts, and the two mixed runs."""
    wait_for_health(port)
    clients: dict[str, Client] = {"": Client(port)}
    for username in {u for _l, u, _p in page_list if u}:
        clients[username] = Client(port)
        clients[username].login(username)
    rows = []
    for label, username, path in page_list:
        repeats = max(5, REPEATS // 2) if "PDF" in label else REPEATS
        rows.append((label, time_page(clients[username], path, repeats)))
    save = time_attendance_save(clients["petugas"], ids.sheet, max(6, REPEATS // 2))
    after_sheet = 1 + [label for label, _t in rows].index("attendance sheet")
    rows.insert(after_sheet, ("attendance save", save))
    counts = query_counts(page_list)
    think = mixed_run(port, page_list, USERS, THINK_SECONDS, MIXED_SECONDS)
    rush = mixed_run(port, page_list, USERS, 0, max(10, MIXED_SECONDS // 2))
    return rows, counts, think, rush


def print_report(
    env: dict[str, str],
    rows: list,
    counts: dict,
    think: dict,
    rush: dict,
    load_seconds: float,
    summary_seconds: float,
) -> None:
    health_p95 = percentile(rows[0][1], 0.95)
    floor_p95 = percentile(rows[1][1], 0.95)
    print()
    print(
        f"Data set: {FACILITIES} UPT (seed_scale; loaded or topped up in {load_seconds:.0f} s), "
        f"gunicorn {WORKERS} workers, DEBUG off, {REPEATS} requests a page, "
        f"cache and sessions in {'Redis' if env['REDIS_URL'] else 'memory and the database'}."
    )
    print(f"Oversight summary (refresh_summaries --all) computed in {summary_seconds:.0f} s.")
    header = (
        f"{'page':<32} {'p50 ms':>8} {'p95 ms':>8} {'p95/health':>10} "
        f"{'p95/auth floor':>14} {'queries':>7}"
    )
    print(header)
    print("-" * len(header))
    for label, timings in rows:
        p50, p95 = percentile(timings, 0.5) * 1000, percentile(timings, 0.95) * 1000
        queries = counts.get(label, "POST")
        print(
            f"{label:<32} {p50:8.1f} {p95:8.1f} {p95 / 1000 / health_p95:10.1f} "
            f"{p95 / 1000 / floor_p95:14.1f} {queries!s:>7}"
        )
    print()
    for name, run in (
        (f"{USERS} users, ~{THINK_SECONDS:g} s think", think),
        (f"{USERS} users, no think", rush),
    ):
        print(
            f"{name:<32} {run['requests']:>6} requests  {run['rps']:6.1f}/s  "
            f"errors {run['errors']}  p50 {run['p50'] * 1000:6.0f} ms  p95 {run['p95'] * 1000:6.0f} ms"
        )


def main() -> int:
    database_url = bench_database_url()
    env = environment(database_url)
    ensure_database(database_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    load_started = time.monotonic()
    manage(env, "seed_scale", "--facilities", str(FACILITIES), "--force", "--if-smaller")
    load_seconds = time.monotonic() - load_started
    summary_seconds = oversight_summaries(env)
    ids = targets(env)
    page_list = pages(ids)

    port = free_port()
    server = start_server(env, port)
    try:
        rows, counts, think, rush = measure(port, ids, page_list)
    finally:
        stop_server(server)
    print_report(env, rows, counts, think, rush, load_seconds, summary_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
