"""The key pages of a data set the scale loader (rutan.scale) filled, and what they open.

`make bench` times these pages (scripts/bench.py) and tests/rutan/test_query_counts.py pins
their queries at two data sizes: one list, so a page added for one is measured by both.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils import timezone

from participants.models import Participant
from rehab.models import Agreement
from rutan.models import Facility
from sessions.models import Session

DEMO_FACILITY = "rutan-balikpapan"


@dataclass(frozen=True)
class Targets:
    """The objects the pages open in the programme the loader wrote under `prefix`."""

    sheet: int  # today's session of its first cohort
    held: int  # its latest session with facilitator notes
    participant: int  # the person with the longest record: every section of the page filled
    agreement: int
    report: str  # last month's report of the facility, without ".pdf" or "/"
    month: str  # last month, YYYY-MM


def targets(prefix: str) -> Targets:
    facility = Facility.objects.get(code=DEMO_FACILITY)
    zone = ZoneInfo(facility.timezone)
    midnight = dt.datetime.combine(timezone.localtime(timezone.now(), zone).date(), dt.time(), zone)
    sessions = Session.objects.filter(cohort__programme__facility=facility)
    sheet = sessions.get(
        cohort__name=f"Angkatan 1 {prefix}",
        starts_at__gte=midnight,
        starts_at__lt=midnight + dt.timedelta(days=1),
    )
    held = (
        sessions.filter(status="held", notes_at__isnull=False, cohort__name__endswith=f" {prefix}")
        .order_by("-starts_at")
        .first()
    )
    person = (
        Participant.objects.filter(facility=facility, registration_number__startswith=f"{prefix}-")
        .annotate(n=Count("attendances"))
        .order_by("-n", "pk")
        .first()
    )
    month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return Targets(
        sheet=sheet.pk,
        held=held.pk,
        participant=person.pk,
        agreement=Agreement.objects.filter(facility=facility).order_by("pk").first().pk,
        report=f"/program/laporan/bulanan/{facility.code}/{month.year}-{month.month}",
        month=f"{month:%Y-%m}",
    )


def key_pages(t: Targets) -> list[tuple[str, str, str]]:
    """(label, demo user, path) of each key read page; the first is the authenticated floor."""
    return [
        ("authenticated base page (floor)", "petugas", "/akun/kata-sandi/"),
        ("participant list", "petugas", "/peserta/"),
        ("home petugas", "petugas", "/"),
        ("home kepala", "kepala", "/"),
        ("home fasilitator", "fasilitator", "/"),
        ("home admin", "admin", "/"),
        ("home bapas", "bapas", "/"),
        ("attendance sheet", "petugas", f"/sesi/{t.sheet}/kehadiran/"),
        ("facilitator notes", "fasilitator", f"/sesi/{t.held}/catatan/"),
        ("dashboard", "kepala", "/program/dasbor/"),
        ("monthly report", "kepala", t.report + "/"),
        ("report PDF (closed month)", "kepala", t.report + ".pdf"),
        ("admin home", "admin", "/admin/"),
        ("admin participant changelist", "admin", "/admin/participants/participant/"),
        ("participant detail", "petugas", f"/peserta/{t.participant}/"),
        ("calendar", "petugas", "/sesi/"),
        ("agreement page", "kepala", f"/program/pks/{t.agreement}/"),
        ("regional dashboard", "kanwil", "/program/wilayah/"),
        ("national dashboard", "pusat", f"/program/wilayah/?periode={t.month}"),
        ("national recap (month)", "pusat", f"/program/wilayah/rekap/nasional/{t.month}/"),
    ]
