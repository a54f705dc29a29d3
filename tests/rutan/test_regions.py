"""Regions (Kanwil) and the starter list of UPT, loaded from rutan/data/."""

import csv

import pytest
from django.core.management import call_command

from rutan.models import Facility
from rutan.models import Region
from rutan.reference_data import FACILITIES_CSV
from rutan.reference_data import REGIONS_CSV

pytestmark = pytest.mark.django_db


def test_it_has_one_region_per_province_after_migrating():
    assert Region.objects.count() == 38
    kaltim = Region.objects.get(code="64")
    assert kaltim.name == "Kalimantan Timur" and kaltim.timezone == "Asia/Makassar"
    assert str(kaltim) == "Kanwil Kalimantan Timur"


def test_every_province_has_its_own_tile_on_the_cartogram():
    tiles = list(Region.objects.values_list("grid_row", "grid_col"))
    assert len(set(tiles)) == len(tiles)


def test_it_imports_the_starter_list_and_reimports_without_duplicates(capsys):
    call_command("import_reference_data")
    with FACILITIES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert Facility.objects.count() == len(rows)
    balikpapan = Facility.objects.get(code="rutan-balikpapan")
    assert balikpapan.region.code == "64" and balikpapan.timezone == "Asia/Makassar"
    assert Facility.objects.get(code="lapas-narkotika-jakarta").region.code == "31"

    Facility.objects.filter(code="rutan-balikpapan").update(name="nama lama")
    call_command("import_reference_data")
    assert Facility.objects.count() == len(rows)
    assert Facility.objects.get(code="rutan-balikpapan").name == "Rutan Kelas IIA Balikpapan"
    assert "0 baru" in capsys.readouterr().out


def test_every_facility_of_the_list_names_a_known_region_and_zone():
    with REGIONS_CSV.open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    zones = {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}
    with FACILITIES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert row["region"] in codes and row["timezone"] in zones, row["code"]
            assert row["kind"] in Facility.Kind.values
