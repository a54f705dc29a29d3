"""The environment a test run assumes, then the one real settings module."""

import os
import tempfile
from pathlib import Path

# The test client speaks plain HTTP; production keeps the redirect to HTTPS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Tests sign users in directly; the two-factor tests turn OTP_REQUIRED on themselves.
os.environ.setdefault("OTP_REQUIRED", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")

from rutan.settings import *  # noqa: E402,F403

# Argon2 on every factory-made user would make the suite slow; hashing is not under test here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The live server serves static files through the finders, by their plain names.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded documents written by tests (and by seed_demo in browser tests) stay out of var/.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "pulih-test-media"
