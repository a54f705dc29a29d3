"""Pulih settings: one file, every deploy-time difference read from the environment."""

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rutan.env import env_bool
from rutan.env import env_database
from rutan.env import env_int
from rutan.env import env_list
from rutan.env import env_redis_caches
from rutan.env import env_s3_storage
from rutan.env import env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PULIH_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A form posted with a stale token gets an Indonesian page; the sign-in form just opens again.
CSRF_FAILURE_VIEW = "rutan.views.csrf_failure"
for origin in CSRF_TRUSTED_ORIGINS:
    if not origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS: {origin!r} must start with http:// or https://"
        )

INSTALLED_APPS = [
    "rutan.apps.PulihAdminConfig",  # django.contrib.admin, administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rutan",
    "rehab",
    "participants",
    "sessions.apps.SessionsConfig",
    # Not "rest_framework": its Indonesian catalog would override Django's own form messages
    # (e.g. "This field is required."); the API renders JSON only and needs no DRF template.
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "aftercare",
]

MIDDLEWARE = [
    "rutan.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rutan.middleware.IndonesianByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the form: an oversized body is refused unread.
    "rutan.middleware.RequestBodyLimitMiddleware",
    # After the body limit: it reads the form (in process_view) only once its size is known to be sane.
    "rutan.middleware.RejectNulBytesMiddleware",
    "rutan.middleware.OutOfRangeQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rutan.middleware.NoStoreForSignedInMiddleware",
    "rutan.middleware.SessionRefreshMiddleware",
    "rutan.audit.AuditAddressMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "rutan.two_factor.SecondFactorMiddleware",
    "rutan.middleware.FacilityTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a lockout answer is built after the session and user are known.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rutan.urls"
WSGI_APPLICATION = "rutan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rutan.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "pulih.sqlite3")}

AUTH_USER_MODEL = "rutan.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rutan.backends.ScopedModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock a username from one address after 10 failures, for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "rutan.backends.axes_username"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)

# Two-factor sign-in (TOTP + recovery codes) for kepala and administrators: on whenever DEBUG
# is off, so the demo of `make run` signs in with the password alone (OTP_REQUIRED=1 to try it).
OTP_REQUIRED = env_bool("OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Pulih"

# Sessions end after 30 minutes without a request. SessionRefreshMiddleware pushes the
# expiry forward when it is due (not a database write on every request).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# REDIS_URL: the cache (lockout counters, pages' throttles) shared by every app server, and
# sessions kept in the database behind it; this process's memory and database sessions otherwise.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = env_redis_caches("REDIS_URL")
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# Background jobs (Celery): the broker is Redis at REDIS_URL (or CELERY_BROKER_URL); without one,
# every task runs inside the request that asked for it, as before.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TIMEZONE = "Asia/Makassar"
CELERY_BEAT_SCHEDULE = {
    # Every morning before the day shift: evaluations due, agreements expiring, absences,
    # Bapas follow-ups due.
    "daily-reminders": {
        "task": "rutan.tasks.reminders_send",
        "schedule": crontab(hour=6, minute=0),
    },
    # Every night: expired sessions, old lockout records, abandoned import uploads.
    "nightly-cleanup": {
        "task": "rutan.tasks.cleanup_run",
        "schedule": crontab(hour=2, minute=30),
    },
    # The figures the regional/national dashboard and recap read (rehab.reports.summary):
    # this and last month often, every month each night (late corrections to closed months).
    "summaries-recent": {
        "task": "rehab.tasks.summaries_refresh",
        "schedule": crontab(minute="*/10"),
    },
    "summaries-nightly": {
        "task": "rehab.tasks.summaries_refresh",
        "schedule": crontab(hour=3, minute=15),
        "kwargs": {"everything": True},
    },
    # Every night: anonymise participants past their facility's retention period (UU PDP);
    # the same as `manage.py anonymise_expired`.
    "nightly-retention": {
        "task": "participants.tasks.retention_run",
        "schedule": crontab(hour=3, minute=0),
    },
}

# E-mail (notifications, password reset) through an SMTP server when EMAIL_HOST is set;
# printed to the console otherwise.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 5)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Pulih <pulih@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people open Pulih at, for links in e-mail.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Makassar"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded documents are served only through views that check access: no URL maps here.
MEDIA_URL = "/_media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# S3_BUCKET (+ S3_ENDPOINT_URL, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY…): files in a private bucket
# that every app server sees; otherwise under MEDIA_ROOT on this machine.
if S3_STORAGE := env_s3_storage():
    STORAGES["default"] = S3_STORAGE
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Request bodies are refused from their Content-Length above this (upload pages allow more,
# see `body_limit`); keep the proxy's client_max_body_size at the largest upload limit.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_KB", 2048) * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. The CSP holds in development too, so a stray inline script shows up early.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# LOG_FORMAT=json (the default with DEBUG off): one JSON object per line, one line per request.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT: expected json or text, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "rutan.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "pulih": {"level": env_str("PULIH_LOG_LEVEL", "INFO")},
        # Django's own request lines repeat what pulih.request says.
        "django.server": {"level": "WARNING"},
    },
}

# SENTRY_DSN: errors (never personal data) go to Sentry as well.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )

# The read-only reporting API (api/): token auth only, throttled per token, OpenAPI schema.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env_str("API_RATE_LIMIT", "600/hour")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pulih API",
    "DESCRIPTION": (
        "Read-only figures of the prison rehabilitation programmes: regions, facilities, the "
        "PP 25/2011 recap, agreements and de-identified participant records. "
        "Authorization: Bearer <token>."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}
# The key of the stable pseudonymous participant id the API gives (HMAC-SHA256 of the pk).
# Changing it changes every pseudonym: set it once, apart from SECRET_KEY.
API_PSEUDONYM_KEY = env_str("API_PSEUDONYM_KEY", "") or f"pseudonym:{SECRET_KEY}"

# Demo data is refused outside development unless forced (see seed_demo).
DEMO_PASSWORD = "pulih-demo"
