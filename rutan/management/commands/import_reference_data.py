from django.core.management.base import BaseCommand
from django.db import transaction

from rutan.models import Facility
from rutan.models import Region
from rutan.reference_data import facilities_import
from rutan.reference_data import regions_import


class Command(BaseCommand):
    help = "(Re)import the regions (Kanwil) and the starter list of UPT from rutan/data/*.csv."

    def add_arguments(self, parser):
        parser.add_argument(
            "--regions-only", action="store_true", help="Import regions, leave facilities alone."
        )

    def handle(self, *args, regions_only: bool = False, **options):
        with transaction.atomic():
            regions = regions_import(region_model=Region)
            self.stdout.write(f"Kanwil: {regions.created} baru, {regions.updated} diperbarui.")
            if not regions_only:
                facilities = facilities_import(facility_model=Facility, region_model=Region)
                self.stdout.write(
                    f"UPT: {facilities.created} baru, {facilities.updated} diperbarui."
                )
