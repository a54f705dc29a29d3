"""The list of regions (Kanwil, one per province) and the starter list of UPT, from rutan/data/.

Province codes and names come from the `idn-area-data` package (npm, MIT licence); the cartogram
positions and time zones were added by hand. The same loader runs in the data migration (with
historical models) and in `manage.py import_reference_data` (to re-import after an edit).
"""

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_CSV = DATA_DIR / "regions.csv"
FACILITIES_CSV = DATA_DIR / "facilities.csv"


@dataclass
class ImportCount:
    created: int = 0
    updated: int = 0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _upsert_by_code(model, path: Path, values: Callable[[dict[str, str]], dict]) -> ImportCount:
    """Create or update one row of `model` per line of the file, found by its code."""
    count = ImportCount()
    for row in _rows(path):
        _obj, created = model.objects.update_or_create(code=row["code"], defaults=values(row))
        count.created += created
        count.updated += not created
    return count


def regions_import(*, region_model, path: Path = REGIONS_CSV) -> ImportCount:
    """Create or update every region of the file, by code."""
    return _upsert_by_code(
        region_model,
        path,
        lambda row: {
            "name": row["name"],
            "abbreviation": row["abbreviation"],
            "timezone": row["timezone"],
            "grid_row": int(row["grid_row"]),
            "grid_col": int(row["grid_col"]),
        },
    )


def facilities_import(*, facility_model, region_model, path: Path = FACILITIES_CSV) -> ImportCount:
    """Create or update every facility of the file, by code; the region by its province code."""
    regions = {r.code: r for r in region_model.objects.all()}
    return _upsert_by_code(
        facility_model,
        path,
        lambda row: {
            "name": row["name"],
            "kind": row["kind"],
            "city": row["city"],
            "timezone": row["timezone"],
            "region": regions[row["region"]],
        },
    )
