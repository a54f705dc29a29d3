import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import connection
from django.db import transaction

from rutan.scale import load_scale
from rutan.scale import loaded_facilities


class Command(BaseCommand):
    help = (
        "Load a national-scale benchmark data set (PostgreSQL COPY) on top of the demo: "
        "up to --facilities N facilities (the demo one included) of about --people warga "
        "binaan each. Running it again tops the set up to N; it never removes anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--facilities", type=int, default=20, help="number of UPT (500: all)")
        parser.add_argument("--people", type=int, default=500, help="warga binaan per UPT")
        parser.add_argument("--seed", type=int, default=11, help="random seed (same data again)")
        parser.add_argument(
            "--if-smaller",
            action="store_true",
            help="do nothing (not even seed_demo) when N facilities are already loaded",
        )
        parser.add_argument(
            "--force", action="store_true", help="run with DEBUG off (benchmark servers only)"
        )

    def handle(self, *args, facilities, people, seed, force, if_smaller, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale memerlukan PostgreSQL (DATABASE_URL=postgres://…).")
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_scale menolak berjalan saat DEBUG mati: data uji bukan untuk server "
                "produksi. Gunakan --force bila Anda yakin."
            )
        if facilities < 1 or people < 60:
            raise CommandError("--facilities minimal 1 dan --people minimal 60.")
        started = time.monotonic()
        if if_smaller and loaded_facilities() >= facilities:
            self.stdout.write(f"{loaded_facilities()} UPT sudah dimuat; tidak ada yang ditambah.")
            return
        call_command("seed_demo", force=True, verbosity=0)
        with transaction.atomic():
            written = load_scale(
                facilities=facilities, people=people, seed=seed, report=self.stdout.write
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = time.monotonic() - started
        total = sum(written.values())
        for table, rows in sorted(written.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {table:<40} {rows:>10,}")
        self.stdout.write(
            self.style.SUCCESS(f"{total:,} baris dalam {seconds:.0f} detik ({facilities} UPT).")
        )
