"""`manage.py refresh_summaries`: recount the figures the regional and national pages read.

Celery beat runs it every 10 minutes (this and last month) and every night (`--all`); safe to run
by hand at any time, any number of times.
"""

import time

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from rehab.reports.periods import period_parse
from rehab.reports.summary import summaries_refresh
from rehab.reports.summary import summary_months


class Command(BaseCommand):
    help = (
        "Hitung ulang ringkasan per UPT per bulan yang dibaca dasbor wilayah/nasional dan rekap "
        "PP 25/2011: bulan ini dan bulan lalu, semua bulan (--all), atau satu bulan (--month)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="every month since the first cohort")
        parser.add_argument("--month", help="one month, e.g. 2025-11")

    def handle(self, *args, **options):
        if options["month"]:
            period = period_parse(options["month"])
            if period is None or period.kind != "month":
                raise CommandError("--month: tulis bulan seperti 2025-11.")
            months = [period.start]
        else:
            months = summary_months(everything=options["all"])
        started = time.monotonic()
        done = summaries_refresh(months=months)
        self.stdout.write(
            f"{done['months']} bulan, {done['facilities']} UPT, {done['rows']} baris "
            f"dalam {time.monotonic() - started:.1f} detik."
        )
