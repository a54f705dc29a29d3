"""`manage.py restore ARCHIVE`: bring back the database and every stored file from a backup."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from rutan.backups import BackupError
from rutan.backups import backup_restore
from rutan.env import env_database


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database (the configured one, or --database-url) "
        "and the configured file storage."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database-url", help="restore into this (empty) database instead")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"{archive}: no such file")
        if options["database_url"]:
            os.environ["PULIH_RESTORE_DATABASE_URL"] = options["database_url"]
            database = env_database(
                "PULIH_RESTORE_DATABASE_URL", settings.VAR_DIR / "unused.sqlite3"
            )
        else:
            database = settings.DATABASES["default"]
        if not options["yes"]:
            answer = input(f"Restore {archive.name} into database {database['NAME']}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("cancelled")
        try:
            done = backup_restore(
                archive=archive,
                database=database,
                passphrase=os.environ.get("BACKUP_PASSPHRASE", ""),
            )
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(
            f"restored: database and {done['files']} files in {done['seconds']:.1f} s"
        )
