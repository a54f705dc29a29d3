"""`manage.py backup`: the database and every stored file in one archive, oldest ones pruned."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from rutan.backups import BackupError
from rutan.backups import backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and every stored file into BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=os.environ.get("BACKUP_DIR") or str(settings.VAR_DIR / "backups")
        )
        parser.add_argument("--keep", type=int, default=int(os.environ.get("BACKUP_KEEP") or 14))
        parser.add_argument(
            "--no-encrypt",
            action="store_true",
            help="ignore BACKUP_PASSPHRASE and write a plain archive",
        )

    def handle(self, *args, **options):
        passphrase = "" if options["no_encrypt"] else os.environ.get("BACKUP_PASSPHRASE", "")
        try:
            path = backup_create(
                directory=Path(options["dir"]), keep=options["keep"], passphrase=passphrase
            )
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(f"backup written: {path}")
