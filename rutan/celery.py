"""The Celery application: Redis as broker when REDIS_URL is set, tasks run in the request otherwise.

Start a worker with `celery -A rutan worker` and the schedule with `celery -A rutan beat`
(the schedule lives in settings: CELERY_BEAT_SCHEDULE).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rutan.settings")

app = Celery("pulih")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
