"""Demo scenario, core part: facilities, partners and one user per role (DESIGN.md)."""

from dataclasses import dataclass
from dataclasses import field

from django.conf import settings
from django.contrib.auth.models import Group

from rehab.models import Partner
from rutan.models import Facility
from rutan.models import Region
from rutan.models import User
from rutan.reference_data import regions_import
from rutan.roles import Role


@dataclass
class DemoContext:
    """What earlier demo steps built, for later steps to attach to."""

    facilities: dict[str, Facility] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)


FACILITIES = [
    {
        "code": "rutan-balikpapan",
        "name": "Rutan Kelas IIA Balikpapan",
        "kind": Facility.Kind.RUTAN,
        "city": "Balikpapan",
        "timezone": "Asia/Makassar",
        "head_name": "Agus Salim",
        "address": "Jl. Jenderal Sudirman, Balikpapan, Kalimantan Timur",
        # Fictional contact details: the letterhead of every PDF shows them.
        "phone": "(0542) 000-0000",
        "email": "rutan.balikpapan@pulih.invalid",
        "region": "64",
    },
    {
        "code": "rutan-samarinda",
        "name": "Rutan Kelas IIA Samarinda",
        "kind": Facility.Kind.RUTAN,
        "city": "Samarinda",
        "timezone": "Asia/Makassar",
        "head_name": "Kepala Rutan Samarinda (fiktif)",
        "address": "Samarinda, Kalimantan Timur",
        "region": "64",
    },
    # A third facility in another region (DKI Jakarta, WIB), for the national view.
    {
        "code": "lapas-narkotika-jakarta",
        "name": "Lapas Narkotika Kelas IIA Jakarta",
        "kind": Facility.Kind.LAPAS,
        "city": "Jakarta Timur",
        "timezone": "Asia/Jakarta",
        "head_name": "Kepala Lapas Narkotika Jakarta (fiktif)",
        "address": "Jakarta Timur, DKI Jakarta",
        "region": "31",
    },
]

PARTNERS = [
    {
        "key": "sekata",
        "name": "Yayasan SEKATA (Selamatkan Anak Kita) Balikpapan",
        "short_name": "Yayasan SEKATA",
        "legal_form": "Yayasan",
        "city": "Balikpapan",
        "leader_name": "Mohammad Effendi",
        "leader_title": "Pimpinan Yayasan SEKATA",
    },
    {
        "key": "mitra_b",
        "name": "Yayasan Harapan Baru Samarinda (fiktif)",
        "short_name": "Yayasan Harapan Baru",
        "legal_form": "Yayasan",
        "city": "Samarinda",
        "leader_name": "Rina Wulandari",
        "leader_title": "Ketua Yayasan",
    },
]

# username, role, facility code, partner key, first name, last name, position
USERS = [
    ("admin", Role.ADMIN, None, None, "Admin", "Pulih", "Administrator sistem"),
    ("petugas", Role.PETUGAS, "rutan-balikpapan", None, "Budi", "Santoso", "Staf Pembinaan"),
    ("fasilitator", Role.FASILITATOR, None, "sekata", "Dewi", "Lestari", "Konselor adiksi"),
    ("kepala", Role.KEPALA, "rutan-balikpapan", None, "Agus", "Salim", "Kepala Rutan"),
    (
        "petugas_samarinda",
        Role.PETUGAS,
        "rutan-samarinda",
        None,
        "Rahmat",
        "Hidayat",
        "Staf Pembinaan",
    ),
    ("fasilitator_b", Role.FASILITATOR, None, "mitra_b", "Sari", "Puspita", "Pendamping"),
    ("kanwil", Role.KANWIL, None, None, "Hendra", "Wijaya", "Kanwil Kalimantan Timur"),
    ("pusat", Role.PUSAT, None, None, "Ratna", "Kusuma", "Direktorat Jenderal Pemasyarakatan"),
]
# The region each oversight demo user watches (by province code); pusat watches all.
USER_REGIONS = {"kanwil": "64"}
# Fictional NIPs of the civil servants who sign PDFs (rutan/nip.py gives the structure).
USER_NIPS = {"kepala": "197805122003121001", "kanwil": "198102142006041002"}


def seed(ctx: DemoContext) -> None:
    # Regions come with the migrations; a test database flushed by a transactional test has none.
    if not Region.objects.exists():
        regions_import(region_model=Region)
    for data in FACILITIES:
        code = data["code"]
        values = {k: v for k, v in data.items() if k not in {"code", "region"}}
        values["region"] = Region.objects.get(code=data["region"])
        facility, _created = Facility.objects.update_or_create(code=code, defaults=values)
        ctx.facilities[code] = facility
    for data in PARTNERS:
        values = {k: v for k, v in data.items() if k not in {"key", "name"}}
        partner, _created = Partner.objects.update_or_create(name=data["name"], defaults=values)
        ctx.partners[data["key"]] = partner
    for username, role, facility_code, partner_key, first, last, position in USERS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "position": position,
                "facility": ctx.facilities.get(facility_code),
                "partner": ctx.partners.get(partner_key),
                "region": Region.objects.filter(code=USER_REGIONS.get(username)).first(),
                "nip": USER_NIPS.get(username, ""),
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
                "email": f"{username}@pulih.invalid",
            },
        )
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        ctx.users[username] = user
