"""The upload between preview and commit, kept through Django's storage under an unguessable name."""

import datetime as dt
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from participants.importing.read import EXTENSIONS

# Uploads wait here between preview and commit, then are deleted.
IMPORT_DIR = "imports"
STALE_AFTER = dt.timedelta(hours=24)

# --- the stored upload -----------------------------------------------------------------------


def _staged_name(token: str, extension: str) -> str:
    return f"{IMPORT_DIR}/{token}{extension}"


def _local_copy(token: str, extension: str) -> Path:
    """Where this machine keeps its copy of a staged upload while reading it."""
    folder = Path(tempfile.gettempdir()) / "pulih-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{token}{extension}"


def store_upload(upload, extension: str) -> str:
    """Keep the upload under an unguessable name until commit; returns that token.

    Kept through Django's storage (a shared bucket with S3_* settings), so that the preview and the
    commit may run on another app server, or in a worker, than the one that received the file.
    """
    remove_stale()
    token = secrets.token_hex(16)
    upload.seek(0)
    default_storage.save(_staged_name(token, extension), upload)
    return token


def stored_path(token: str, extension: str) -> Path | None:
    """A local file holding the session's staged upload, if the token is well-formed and the upload
    still exists in storage: the storage's own path on local disk, else a copy fetched once."""
    if not re.fullmatch(r"[0-9a-f]{32}", token or "") or extension not in EXTENSIONS:
        return None
    name = _staged_name(token, extension)
    try:
        return Path(default_storage.path(name)) if default_storage.exists(name) else None
    except NotImplementedError:
        pass  # a remote storage: fetch a copy below
    copy = _local_copy(token, extension)
    if copy.is_file():
        if default_storage.exists(name):
            return copy
        copy.unlink(missing_ok=True)
        return None
    try:
        with default_storage.open(name, "rb") as source, open(copy, "wb") as target:
            shutil.copyfileobj(source, target)
    except Exception:  # noqa: BLE001 (a remote storage's "no such key" is not always an OSError)
        copy.unlink(missing_ok=True)
        return None
    return copy


def discard(token: str, extension: str) -> None:
    if not re.fullmatch(r"[0-9a-f]{32}", token or "") or extension not in EXTENSIONS:
        return
    default_storage.delete(_staged_name(token, extension))
    _local_copy(token, extension).unlink(missing_ok=True)


def remove_stale(*, older_than: dt.timedelta = STALE_AFTER) -> int:
    """Uploads nobody committed or cancelled are deleted after a day; returns how many."""
    limit = timezone.now() - older_than
    try:
        _dirs, files = default_storage.listdir(IMPORT_DIR)
    except FileNotFoundError:
        return 0
    removed = 0
    for file_name in files:
        name = f"{IMPORT_DIR}/{file_name}"
        try:
            stale = default_storage.get_modified_time(name) < limit
        except (FileNotFoundError, OSError):
            continue
        if stale:
            default_storage.delete(name)
            removed += 1
    local_limit = time.time() - older_than.total_seconds()
    for path in _local_copy("x", ".csv").parent.glob("*"):
        if path.is_file() and path.stat().st_mtime < local_limit:
            path.unlink(missing_ok=True)
    return removed
