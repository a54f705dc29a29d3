import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rutan.settings")

from rutan.health import HealthFirst  # noqa: E402

application = HealthFirst(get_wsgi_application())
