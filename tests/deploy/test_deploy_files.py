"""The sample deployment files are valid: nginx accepts the site, gunicorn its settings."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def test_nginx_accepts_the_sample_site(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is not installed (apt-get install nginx; .ci/run does it)")
    subprocess.run(  # a throwaway certificate in place of the real one
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=pulih.example.go.id",
            "-keyout",
            str(tmp_path / "privkey.pem"),
            "-out",
            str(tmp_path / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx" / "pulih.conf").read_text().replace("/etc/ssl/pulih", str(tmp_path))
    (tmp_path / "pulih.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n"
        f"  client_body_temp_path {tmp_path};\n  proxy_temp_path {tmp_path};\n"
        f"  include {tmp_path}/pulih.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
    assert "client_max_body_size 15m" in site and "X-Forwarded-Proto $scheme" in site


def test_gunicorn_accepts_its_settings():
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--check-config",
            "-c",
            str(DEPLOY / "gunicorn.conf.py"),
            "rutan.wsgi",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "unit", ["pulih-web.service", "pulih-worker.service", "pulih-beat.service"]
)
def test_each_unit_reads_the_environment_file_and_restarts(unit):
    text = (DEPLOY / "systemd" / unit).read_text()
    assert "EnvironmentFile=/etc/pulih/pulih.env" in text and "Restart=on-failure" in text
