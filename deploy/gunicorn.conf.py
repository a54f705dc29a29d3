"""gunicorn settings for Pulih (used by deploy/systemd/pulih-web.service).

gunicorn -c deploy/gunicorn.conf.py rutan.wsgi
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100
# nginx on the same machine sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Pulih writes its own JSON line per request (rutan.logs); gunicorn's access log would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
