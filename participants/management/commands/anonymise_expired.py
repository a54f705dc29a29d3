"""Anonymise participants whose retention period is over (UU PDP Pasal 42–44).

Run daily from the scheduler (cron or Celery beat); `--dry-run` only counts.
"""

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from participants.retention import retention_run
from rutan.models import Facility


class Command(BaseCommand):
    help = "Anonymise participants past their facility's retention period (--dry-run: count only)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")
        parser.add_argument("--facility", help="only this facility (its code)")

    def handle(self, *args, dry_run: bool, facility: str | None, **options):
        facilities = None
        if facility:
            facilities = list(Facility.objects.filter(code=facility))
            if not facilities:
                raise CommandError(f"No facility with code {facility!r}.")
        runs = retention_run(dry_run=dry_run, facilities=facilities)
        for run in runs:
            self.stdout.write(
                f"{run.facility.code}: retention {run.retention_months} months, "
                f"{run.expired} expired, {run.anonymised} anonymised"
                + (" (dry run)" if dry_run else "")
            )
