import csv

from django.db import migrations

from rutan.reference_data import FACILITIES_CSV, regions_import


def load_regions(apps, schema_editor):
    Region = apps.get_model("rutan", "Region")
    Facility = apps.get_model("rutan", "Facility")
    regions_import(region_model=Region)
    # Facilities that exist already (the demo's Balikpapan and Samarinda) get their region;
    # the rest of the starter list is created only by `manage.py import_reference_data`.
    with FACILITIES_CSV.open(newline="", encoding="utf-8") as handle:
        region_of = {row["code"]: row["region"] for row in csv.DictReader(handle)}
    regions = {r.code: r for r in Region.objects.all()}
    for facility in Facility.objects.filter(region__isnull=True, code__in=region_of):
        facility.region = regions[region_of[facility.code]]
        facility.save(update_fields=["region"])


class Migration(migrations.Migration):
    dependencies = [("rutan", "0010_region")]

    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
