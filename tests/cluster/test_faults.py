"""Faults under a bounded load: Redis away for 5 s, then PostgreSQL away for 5 s.

No acknowledged write is lost, the app recovers without a restart, and /health answers 503
within a second while a part is down. The figures are printed (run with -s to see them).
"""

import subprocess
import threading
import time

import psycopg
import pytest
import urllib3

from tests import services
from tests.cluster.servers import App
from tests.cluster.servers import Browser
from tests.cluster.servers import database_url
from tests.cluster.servers import server_env
from tests.factories import PASSWORD

OUTAGE = 5.0
# How long the first answers may take while the workers warm up on a busy machine.
WARM_UP = 90


@pytest.fixture
def throwaway(transactional_db, petugas, tmp_path):
    """A PostgreSQL cluster holding a copy of the test database (with `petugas`), and a Redis."""
    cluster = services.PgCluster().init()
    cluster.start()
    redis = services.RedisServer().start()
    try:
        dump = tmp_path / "db.dump"
        subprocess.run(["pg_dump", "-Fc", "-d", database_url(), "-f", str(dump)], check=True)
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "pulih"],
            check=True,
        )
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", cluster.url("pulih"), str(dump)], check=True
        )
        yield cluster, redis
    finally:
        redis.stop()
        cluster.remove()


class Load:
    """Two people registering participants, one after the other, as fast as answers come."""

    def __init__(self, base: str, people: int = 2):
        self.base, self.people = base, people
        self.acknowledged: list[str] = []
        self.errors = 0
        self.last_ok = 0.0
        self.last_answer = ""
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(people)]

    def run(self, index: int) -> None:
        browser = Browser()
        browser.http = urllib3.PoolManager(
            retries=False, timeout=urllib3.Timeout(connect=2, read=10)
        )
        token = self.sign_in(browser)
        n = 0
        while not self.stop.is_set():
            n += 1
            number = f"AIII.{index + 1}{n:05d}/2025"
            try:
                response = browser.request(
                    "POST",
                    f"{self.base}/peserta/baru/",
                    fields={
                        "csrfmiddlewaretoken": token,
                        "name": "Peserta Uji Gangguan",
                        "register_type": "A.III",
                        "registration_number": number,
                        "sex": "M",
                        "admission_date": "2025-06-01",
                    },
                    encode_multipart=False,
                )
                ok = response.status == 302 and "/peserta/" in response.headers.get("Location", "")
                self.last_answer = f"{response.status} {response.data[:3000]!r}"
            except urllib3.exceptions.HTTPError as error:
                ok = False
                self.last_answer = repr(error)
            with self.lock:
                if ok:
                    self.acknowledged.append(number)
                    self.last_ok = time.monotonic()
                else:
                    self.errors += 1
            time.sleep(0.05)

    def sign_in(self, browser: Browser) -> str:
        """Signed in, with the form's CSRF token. On a busy machine a worker still loading Django
        may time out or answer late: try again, a second apart, for as long as the warm-up."""
        deadline = time.monotonic() + WARM_UP
        while True:
            try:
                browser.sign_in(self.base, "petugas", PASSWORD)
                return browser.csrf(f"{self.base}/peserta/baru/")
            except (urllib3.exceptions.HTTPError, AttributeError) as error:
                self.last_answer = repr(error)
            if time.monotonic() > deadline:
                raise AssertionError(f"cannot sign in: {self.last_answer}")
            time.sleep(1)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(30)

    def recovered_after(self, moment: float, timeout: float = 30) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.last_ok > moment:
                return self.last_ok - moment
            time.sleep(0.05)
        raise AssertionError(f"no successful write; the last answer: {self.last_answer}")


def health_while_down(base: str, probes: int = 3) -> tuple[set[int], list[float]]:
    """Statuses and latencies of a few /health probes, as a monitor would send them: from another
    process (curl), so that this process's load threads do not slow the measurement."""
    statuses, latencies = set(), []
    for _ in range(probes):
        result = subprocess.run(
            [
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "-m",
                "10",
                "-w",
                "%{http_code} %{time_total}",
                f"{base}/health",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        code, seconds = result.stdout.split()
        statuses.add(int(code))
        latencies.append(round(float(seconds), 3))
        time.sleep(0.5)
    return statuses, latencies


def outage(load: Load, base: str, *, stop, start) -> tuple[tuple[set[int], list[float]], float]:
    """A part stopped for OUTAGE seconds under load: the /health probes while it is down, and
    the seconds from its restart to the next acknowledged write."""
    stop()
    time.sleep(1)
    health = health_while_down(base)
    time.sleep(max(0, OUTAGE - 1 - sum(health[1]) - 1.5))
    start()
    return health, load.recovered_after(time.monotonic())


def stored_numbers(url: str) -> set[str]:
    """Registration numbers of every participant in the database at `url`."""
    with psycopg.connect(url) as conn:
        return {
            row[0]
            for row in conn.execute("select registration_number from participants_participant")
        }


def print_health_log(log) -> None:
    """The app log's last six lines about /health."""
    health_lines = [line for line in log.read_text().splitlines() if '"health"' in line]
    print("\n".join(health_lines[-6:]))  # noqa: T201


def test_redis_and_postgresql_outages_lose_no_acknowledged_write(throwaway, tmp_path):
    cluster, redis = throwaway
    env = server_env(
        DATABASE_URL=cluster.url("pulih"),
        REDIS_URL=f"{redis.url}/0",
        DATABASE_POOL_MIN="1",
        DATABASE_POOL_MAX="4",
        DATABASE_POOL_TIMEOUT="2",
    )
    # As deploy/gunicorn.conf.py runs it: sync workers, more of them than people, so that a
    # monitor's /health never queues behind writes waiting for the database. (Until App passed
    # these on, one gthread worker ran everything: /health then queued 0.9-5.6 s behind them.)
    app = App(env, tmp_path / "app.log", threads=1, workers=4).start()
    app.wait()
    figures = {}
    try:
        with Load(app.url) as load:
            # The first answers wait for the workers to warm up (imports, templates).
            assert load.recovered_after(0, timeout=2 * WARM_UP) >= 0, load.last_answer
            time.sleep(1)
            figures["health_redis_down"], figures["recovery_after_redis_s"] = outage(
                load, app.url, stop=redis.stop, start=redis.start
            )
            time.sleep(1)
            figures["health_db_down"], figures["recovery_after_db_s"] = outage(
                load, app.url, stop=cluster.stop, start=cluster.start
            )
            time.sleep(1)
        figures["errors"] = load.errors
        figures["acknowledged"] = len(load.acknowledged)
        stored = stored_numbers(cluster.url("pulih"))
        lost = [number for number in load.acknowledged if number not in stored]
        figures["lost"] = len(lost)
        print(f"\nfault test: {figures}")  # noqa: T201
        print_health_log(tmp_path / "app.log")
        assert lost == []
        assert figures["health_redis_down"][0] == figures["health_db_down"][0] == {503}
        # A monitor's probe is answered by a free sync worker before Django's request handling
        # (rutan.health.HealthFirst), its checks run concurrently under a 0.8 s deadline.
        assert max(figures["health_redis_down"][1] + figures["health_db_down"][1]) < 1, figures
        # Recovery: from the restart to the next acknowledged write. The pool gives up a lost
        # connection's retries after DATABASE_POOL_RECONNECT_TIMEOUT, so a request starts afresh.
        assert figures["recovery_after_redis_s"] < 10 and figures["recovery_after_db_s"] < 10
        health = urllib3.PoolManager().request("GET", f"{app.url}/health")
        assert health.status == 200  # recovered without a restart
    finally:
        app.stop()
