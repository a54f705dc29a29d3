from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import transaction

from rutan.demo import DemoContext

# Each module has seed(ctx); later ones build on what earlier ones made.
DEMO_MODULES = [
    "rutan.demo",
    "rehab.demo_programme",
    "rehab.demo_agreements",
    "participants.demo",
    "sessions.demo",
    "rehab.demo_evaluations",
    "rehab.demo_today",
    "aftercare.demo",
]


class Command(BaseCommand):
    help = "Load the fictional demo scenario of DESIGN.md (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a database holding real people).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo menolak berjalan saat DEBUG mati: data demo bukan untuk server "
                "produksi. Gunakan --force bila Anda yakin."
            )
        ctx = DemoContext()
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                import_module(module_name).seed(ctx)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo siap: {len(ctx.facilities)} UPT, {len(ctx.partners)} mitra, "
                f"{len(ctx.users)} pengguna (kata sandi '{settings.DEMO_PASSWORD}')."
            )
        )
