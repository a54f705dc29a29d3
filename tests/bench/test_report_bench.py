"""Benchmark: the monthly report (page, PDF, Excel) with 40 and 400 participants.

Run with `make bench`. Prints medians and their ratio to /health measured in the same run,
because absolute times on shared machines mean little.
"""

import statistics
import time

import pytest
from django.urls import reverse

from rutan.roles import Role
from tests.factories import FacilityFactory
from tests.factories import UserFactory
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_month

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

SIZES = (40, 400)
SESSIONS = 15
REPEATS = {"page": 7, "pdf": 5, "xlsx": 7}


def median_ms(client, url: str, repeats: int) -> float:
    client.get(url)  # warm up: templates, fonts, connection
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return statistics.median(timings)


def test_monthly_report_against_health(client):
    health = median_ms(client, reverse("health"), 50)
    rows = []
    for size in SIZES:
        facility = FacilityFactory(code=f"bench-{size}", name=f"Rutan Bench {size}")
        build_month(facility, participants=size, sessions=SESSIONS)
        client.force_login(UserFactory(facility=facility, role=Role.KEPALA))
        args = [facility.code, NOVEMBER.year, NOVEMBER.month]
        for kind, name in (
            ("page", "rehab:report_monthly"),
            ("pdf", "rehab:report_monthly_pdf"),
            ("xlsx", "rehab:report_monthly_xlsx"),
        ):
            ms = median_ms(client, reverse(name, args=args), REPEATS[kind])
            rows.append((kind, size, ms, ms / health))
    print()
    print(f"/health median: {health:.2f} ms (Django test client, in process)")
    print(f"{'what':<6} {'participants':>12} {'sessions':>8} {'median ms':>10} {'x /health':>10}")
    for kind, size, ms, ratio in rows:
        print(f"{kind:<6} {size:>12} {SESSIONS:>8} {ms:>10.1f} {ratio:>10.1f}")
    by = {(kind, size): ms for kind, size, ms, _ratio in rows}
    for kind in REPEATS:
        growth = by[(kind, SIZES[1])] / by[(kind, SIZES[0])]
        print(f"{kind}: {SIZES[1]} vs {SIZES[0]} participants = {growth:.2f}x")
