"""Restore drill: back up, restore into a new database and an empty bucket, compare, download."""

import hashlib
import time

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import CommandError
from django.core.management import call_command
from django.urls import reverse

from rehab.models import Agreement
from tests.factories import AgreementFactory
from tests.factories import ParticipantFactory
from tests.factories import pdf_bytes
from tests.service_fixtures import create_bucket
from tests.service_fixtures import s3_options


def connect(name: str):
    db = django_settings.DATABASES["default"]
    return psycopg.connect(
        dbname=name,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        autocommit=True,
    )


def row_counts(name: str) -> dict[str, int]:
    with connect(name) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "select tablename from pg_tables where schemaname = 'public' order by 1"
            )
        ]
        return {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}  # noqa: S608


@pytest.fixture
def restore_database():
    source = django_settings.DATABASES["default"]["NAME"]
    name = f"{source}_restore"
    with connect(source) as conn:
        conn.execute(f'drop database if exists "{name}"')
        conn.execute(f'create database "{name}"')
    yield name
    with connect(source) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def test_restore_drill(
    transactional_db,
    settings,
    s3_endpoint,
    s3_bucket,
    restore_database,
    tmp_path,
    client,
    kepala,
    facility,
    partner,
    monkeypatch,
    capsys,
):
    settings.STORAGES = {**settings.STORAGES, "default": s3_options(s3_endpoint, s3_bucket)}
    contents = {}
    for pages in (1, 2, 3):
        agreement = AgreementFactory(facility=facility, partner=partner)
        content = pdf_bytes(pages=pages)
        agreement.document.save("pks.pdf", ContentFile(content), save=True)
        contents[agreement.pk] = hashlib.sha256(content).hexdigest()
    ParticipantFactory.create_batch(5, facility=facility)

    monkeypatch.setenv("BACKUP_PASSPHRASE", "rahasia-cadangan-uji")
    for _ in range(3):
        call_command("backup", "--dir", str(tmp_path), "--keep", "2")
        time.sleep(1.1)  # archives are named by the second
    archives = sorted(tmp_path.glob("pulih-*.tar.enc"))
    assert len(archives) == 2  # retention
    assert b"%PDF" not in archives[-1].read_bytes()  # encrypted

    empty_bucket = s3_bucket + "-r"
    create_bucket(s3_endpoint, empty_bucket)
    settings.STORAGES = {**settings.STORAGES, "default": s3_options(s3_endpoint, empty_bucket)}
    source = django_settings.DATABASES["default"]["NAME"]
    db = django_settings.DATABASES["default"]
    url = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{restore_database}"
    started = time.perf_counter()
    call_command("restore", str(archives[-1]), "--database-url", url, "--yes")
    seconds = time.perf_counter() - started
    print(f"\nrestore drill: restored in {seconds:.1f} s")  # noqa: T201

    assert row_counts(restore_database) == row_counts(source)
    client.force_login(kepala)
    for agreement in Agreement.objects.all():
        response = client.get(reverse("rehab:agreement_document", args=[agreement.pk]))
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == contents[agreement.pk]


def test_a_wrong_passphrase_is_refused_clearly(
    transactional_db, tmp_path, monkeypatch, restore_database
):
    monkeypatch.setenv("BACKUP_PASSPHRASE", "benar")
    call_command("backup", "--dir", str(tmp_path))
    [archive] = tmp_path.glob("*.enc")
    monkeypatch.setenv("BACKUP_PASSPHRASE", "salah")
    db = django_settings.DATABASES["default"]
    url = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{restore_database}"
    with pytest.raises(CommandError, match="wrong passphrase"):
        call_command("restore", str(archive), "--database-url", url, "--yes")
