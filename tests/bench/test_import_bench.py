"""How long a 5,000-row SDP import takes, step by step, against a trivial view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import Participant
from tests.bench.conftest import median_seconds
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row
from tests.participants.import_files import xlsx_bytes

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

ROWS = 5_000


def _run_import(client, content: bytes, name: str, table: list, label: str) -> dict:
    def timed(step, action):
        seconds = median_seconds(action, repeat=1)
        table.append((f"{label}: {step}", seconds))

    result = {}
    timed(
        "upload + read",
        lambda: result.update(
            upload=client.post(
                reverse("participants:import"), {"file": SimpleUploadedFile(name, content)}
            )
        ),
    )
    assert result["upload"].status_code == 302, result["upload"].content[:2000]
    timed(
        "preview (read + check)",
        lambda: result.update(preview=client.get(reverse("participants:import_preview"))),
    )
    summary = result["preview"].context["summary"]
    assert summary["errors"] == 0
    post = {"expect_create": summary["create"], "expect_update": summary["update"]}
    timed(
        "commit (read + check + write)",
        lambda: result.update(commit=client.post(reverse("participants:import_commit"), post)),
    )
    assert result["commit"].status_code == 302
    return summary


def test_bench_import_5000_rows(client, petugas, settings, tmp_path, bench_table):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(petugas)
    health = reverse("health")
    client.get(health)
    bench_table.append(
        ("trivial view (/health), median of 50", median_seconds(lambda: client.get(health), 50))
    )

    rows = [row(n) for n in range(ROWS)]
    first = _run_import(client, xlsx_bytes(rows), "sdp.xlsx", bench_table, "xlsx new")
    assert first["create"] == ROWS and Participant.objects.count() == ROWS

    for n in range(0, ROWS, 2):
        rows[n]["blok"] = "Blok Z"
    again = _run_import(client, csv_bytes(rows), "sdp.csv", bench_table, "csv re-import")
    assert (again["create"], again["update"], again["unchanged"]) == (0, ROWS // 2, ROWS // 2)
    assert Participant.objects.count() == ROWS

    list_url = reverse("participants:list")
    bench_table.append(
        ("list page over 5,000, median of 10", median_seconds(lambda: client.get(list_url), 10))
    )
