"""Backups of everything Pulih keeps: the PostgreSQL database (pg_dump) and every stored file.

One archive per run, `pulih-YYYYmmdd-HHMMSS.tar` (`.tar.enc` when encrypted with a passphrase,
AES-256 through `openssl enc -pbkdf2`), holding `database.dump` (pg_dump custom format),
`files/…` (the default storage's objects, local disk or S3) and `manifest.json`.
"""

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage

logger = logging.getLogger("pulih.backup")

PREFIX = "pulih-"


class BackupError(Exception):
    pass


def _pg_env(db: dict) -> tuple[list[str], dict]:
    """Connection arguments for pg_dump / pg_restore from a Django database entry."""
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Backups need PostgreSQL (DATABASE_URL=postgres://…).")
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def storage_walk(storage, folder: str = ""):
    """Every file name in `storage`, recursively."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in dirs:
        yield from storage_walk(storage, f"{folder}/{sub}" if folder else sub)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _openssl_enc(flags: list[str], source: Path, target: Path, passphrase: str) -> None:
    """`openssl enc` from `source` to `target`; the passphrase goes by environment, never argv."""
    _run(
        [
            "openssl",
            "enc",
            *flags,
            "-in",
            str(source),
            "-out",
            str(target),
            "-pass",
            "env:PULIH_BACKUP_PASSPHRASE",
        ],
        {**os.environ, "PULIH_BACKUP_PASSPHRASE": passphrase},
    )


def _encrypt(source: Path, target: Path, passphrase: str) -> None:
    _openssl_enc(["-aes-256-cbc", "-pbkdf2", "-salt"], source, target, passphrase)


def _decrypt(source: Path, target: Path, passphrase: str) -> None:
    try:
        _openssl_enc(["-d", "-aes-256-cbc", "-pbkdf2"], source, target, passphrase)
    except BackupError:
        raise BackupError("Cannot decrypt the archive: wrong passphrase or damaged file.") from None


def backup_create(*, directory: Path, keep: int, passphrase: str = "") -> Path:
    """Write one archive into `directory` and delete all but the newest `keep` archives."""
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    db = settings.DATABASES["default"]
    args, env = _pg_env(db)
    with tempfile.TemporaryDirectory(prefix="pulih-backup-") as work:
        work = Path(work)
        _run(
            [
                "pg_dump",
                "-Fc",
                "--no-owner",
                "--no-acl",
                *args,
                "-f",
                str(work / "database.dump"),
                db["NAME"],
            ],
            env,
        )
        files = []
        for name in storage_walk(default_storage):
            target = work / "files" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            files.append({"name": name, "size": target.stat().st_size, "sha256": _sha256(target)})
        manifest = {
            "created": stamp,
            "database": db["NAME"],
            "files": files,
            "database_sha256": _sha256(work / "database.dump"),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
        plain = work / f"{PREFIX}{stamp}.tar"
        with tarfile.open(plain, "w") as archive:
            for item in ("manifest.json", "database.dump", "files"):
                if (work / item).exists():
                    archive.add(work / item, arcname=item)
        if passphrase:
            final = directory / f"{plain.name}.enc"
            _encrypt(plain, final, passphrase)
        else:
            final = directory / plain.name
            shutil.move(plain, final)
    final.chmod(0o600)
    removed = backups_prune(directory=directory, keep=keep)
    logger.info(
        "backup %s: database and %s files in %.1f s (%s bytes); %s old archives removed",
        final.name,
        len(files),
        time.perf_counter() - started,
        final.stat().st_size,
        removed,
    )
    return final


def backups_prune(*, directory: Path, keep: int) -> int:
    archives = sorted(directory.glob(f"{PREFIX}*.tar*"), key=lambda path: path.name, reverse=True)
    old = archives[max(keep, 1) :]
    for path in old:
        path.unlink()
    return len(old)


def backup_restore(*, archive: Path, database: dict, passphrase: str = "") -> dict:
    """Restore the database (into `database`, which should be empty) and every stored file
    (into the default storage); returns what was restored and how long it took."""
    started = time.perf_counter()
    args, env = _pg_env(database)
    with tempfile.TemporaryDirectory(prefix="pulih-restore-") as work:
        work = Path(work)
        plain = archive
        if archive.suffix == ".enc":
            if not passphrase:
                raise BackupError(
                    "The archive is encrypted: give its passphrase (BACKUP_PASSPHRASE)."
                )
            plain = work / "archive.tar"
            _decrypt(archive, plain, passphrase)
        with tarfile.open(plain) as tar:
            tar.extractall(work / "x", filter="data")
        root = work / "x"
        manifest = json.loads((root / "manifest.json").read_text())
        if _sha256(root / "database.dump") != manifest["database_sha256"]:
            raise BackupError("The database dump does not match its checksum: damaged archive.")
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                *args,
                "-d",
                database["NAME"],
                str(root / "database.dump"),
            ],
            env,
        )
        for item in manifest["files"]:
            source = root / "files" / item["name"]
            if _sha256(source) != item["sha256"]:
                raise BackupError(f"{item['name']}: checksum mismatch, damaged archive.")
            if default_storage.exists(item["name"]):
                default_storage.delete(item["name"])
            with open(source, "rb") as handle:
                saved = default_storage.save(item["name"], File(handle))
            if saved != item["name"]:
                raise BackupError(f"{item['name']}: stored as {saved}.")
    seconds = time.perf_counter() - started
    logger.info(
        "restore %s: database and %s files in %.1f s", archive.name, len(manifest["files"]), seconds
    )
    return {"files": len(manifest["files"]), "seconds": seconds}
