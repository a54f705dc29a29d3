"""Bulk creation of facilities and users from a spreadsheet (CSV or .xlsx), for the admin.

Two steps: `bulk_check` reads and validates every row and says what would happen (new,
updated, or the row's errors); `bulk_commit` writes all rows in one transaction, or nothing
when any row has an error. The key is the code (facilities) or the username (users), so
importing the same file again updates instead of duplicating. Facilities use the columns of
rutan/data/facilities.csv.
"""

import csv
import io
from dataclasses import dataclass
from dataclasses import field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from rutan.models import INDONESIAN_ZONES
from rutan.models import Facility
from rutan.models import Region
from rutan.models import User
from rutan.roles import FACILITY_ROLES
from rutan.roles import Role

MAX_ROWS = 5000
FACILITY_COLUMNS = ["code", "name", "kind", "city", "region", "timezone"]
USER_COLUMNS = ["username", "first_name", "last_name", "email", "role", "facility", "region"]
COLUMNS = {"facilities": FACILITY_COLUMNS, "users": USER_COLUMNS}


class BulkFileError(Exception):
    """The file cannot be read as a table with the expected header."""


@dataclass
class BulkRow:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    exists: bool = False


@dataclass
class BulkPreview:
    kind: str
    rows: list[BulkRow]

    @property
    def error_rows(self) -> list[BulkRow]:
        return [row for row in self.rows if row.errors]

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if not row.exists and not row.errors)

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if row.exists and not row.errors)


def bulk_read(name: str, content: bytes, kind: str) -> list[dict[str, str]]:
    """The rows of a CSV or .xlsx file as dicts keyed by the expected column names."""
    lowered = name.lower()
    try:
        if lowered.endswith(".xlsx"):
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            raw = [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        elif lowered.endswith(".csv"):
            text = content.decode("utf-8-sig")
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
            raw = list(csv.reader(io.StringIO(text), dialect))
        else:
            raise BulkFileError(_("Unggah berkas .csv atau .xlsx."))
    except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError) as error:
        raise BulkFileError(_("Berkas tidak dapat dibaca: %(error)s") % {"error": error}) from error
    if not raw:
        raise BulkFileError(_("Berkas kosong."))
    header = [str(cell).strip().lower() for cell in raw[0]]
    missing = [column for column in COLUMNS[kind] if column not in header]
    if missing:
        raise BulkFileError(
            _("Kolom berikut tidak ada di baris pertama: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows = [
        {
            column: str(cells[header.index(column)]).strip()
            if header.index(column) < len(cells)
            else ""
            for column in COLUMNS[kind]
        }
        for cells in raw[1:]
        if any(str(cell).strip() for cell in cells)
    ]
    if len(rows) > MAX_ROWS:
        raise BulkFileError(_("Paling banyak %(n)s baris per berkas.") % {"n": MAX_ROWS})
    return rows


def bulk_check(rows: list[dict[str, str]], kind: str) -> BulkPreview:
    """Every row validated against the others and the database; nothing is written."""
    check = _check_facility if kind == "facilities" else _check_user
    regions = {r.code: r for r in Region.objects.all()}
    facilities = set(Facility.objects.values_list("code", flat=True))
    key = "code" if kind == "facilities" else "username"
    existing = (
        facilities if kind == "facilities" else set(User.objects.values_list("username", flat=True))
    )
    seen: dict[str, int] = {}
    checked = []
    for line, values in enumerate(rows, start=2):
        row = BulkRow(line=line, values=values, exists=values[key] in existing)
        check(row, regions, facilities)
        if values[key] in seen:
            row.errors.append(_("Sama dengan baris %(line)s.") % {"line": seen[values[key]]})
        seen.setdefault(values[key], line)
        checked.append(row)
    return BulkPreview(kind=kind, rows=checked)


def _check_facility(row: BulkRow, regions: dict, facilities: set) -> None:
    v = row.values
    try:
        validate_slug(v["code"])
    except ValidationError:
        row.errors.append(_("Kode hanya huruf, angka, tanda hubung: %(v)r.") % {"v": v["code"]})
    if not v["name"]:
        row.errors.append(_("Nama wajib diisi."))
    if not v["city"]:
        row.errors.append(_("Kota wajib diisi."))
    kinds = {value: value for value in Facility.Kind.values} | {
        str(label).lower(): value for value, label in Facility.Kind.choices
    }
    if v["kind"].lower() not in kinds:
        row.errors.append(
            _("Jenis %(v)r tidak dikenal; pakai salah satu dari: %(allowed)s.")
            % {"v": v["kind"], "allowed": ", ".join(Facility.Kind.values)}
        )
    else:
        v["kind"] = kinds[v["kind"].lower()]
    region = regions.get(v["region"])
    if region is None:
        row.errors.append(_("Kode provinsi %(v)r tidak dikenal.") % {"v": v["region"]})
    zones = [zone for zone, _label in INDONESIAN_ZONES]
    if not v["timezone"] and region is not None:
        v["timezone"] = region.timezone
    elif v["timezone"] not in zones:
        row.errors.append(
            _("Zona waktu %(v)r tidak dikenal; pakai %(allowed)s.")
            % {"v": v["timezone"], "allowed": ", ".join(zones)}
        )


def _check_user(row: BulkRow, regions: dict, facilities: set) -> None:
    v = row.values
    if not v["username"] or len(v["username"]) > 150 or " " in v["username"]:
        row.errors.append(_("Nama pengguna wajib diisi, tanpa spasi."))
    if v["email"]:
        try:
            validate_email(v["email"])
        except ValidationError:
            row.errors.append(_("Alamat email %(v)r tidak valid.") % {"v": v["email"]})
    if v["role"] not in Role.values:
        row.errors.append(
            _("Peran %(v)r tidak dikenal; pakai salah satu dari: %(allowed)s.")
            % {"v": v["role"], "allowed": ", ".join(Role.values)}
        )
    if v["facility"] and v["facility"] not in facilities:
        row.errors.append(_("UPT dengan kode %(v)r tidak ada.") % {"v": v["facility"]})
    if v["role"] in FACILITY_ROLES and not v["facility"]:
        row.errors.append(_("Petugas dan kepala memerlukan kode UPT."))
    if v["region"] and v["region"] not in regions:
        row.errors.append(_("Kode provinsi %(v)r tidak dikenal.") % {"v": v["region"]})
    if v["role"] == Role.KANWIL and not v["region"]:
        row.errors.append(_("Pengguna kanwil memerlukan kode provinsi."))


@transaction.atomic
def bulk_commit(*, preview: BulkPreview) -> int:
    """Write every row (create or update by key); refuses a preview that has errors."""
    if preview.error_rows:
        raise ValueError("a preview with errors cannot be saved")
    regions = {r.code: r for r in Region.objects.all()}
    for row in preview.rows:
        v = row.values
        if preview.kind == "facilities":
            Facility.objects.update_or_create(
                code=v["code"],
                defaults={
                    "name": v["name"],
                    "kind": v["kind"],
                    "city": v["city"],
                    "region": regions[v["region"]],
                    "timezone": v["timezone"],
                },
            )
            continue
        user, created = User.objects.update_or_create(
            username=v["username"],
            defaults={
                "first_name": v["first_name"],
                "last_name": v["last_name"],
                "email": v["email"],
                "facility": Facility.objects.filter(code=v["facility"]).first(),
                "region": regions.get(v["region"]),
            },
        )
        if created:
            # No password travels in a spreadsheet: the administrator sets one, or a reset link.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get_or_create(name=v["role"])[0]])
    return len(preview.rows)
