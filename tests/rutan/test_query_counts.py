"""The key pages need the same, small number of queries in a small and in a large facility.

The demo facility is loaded twice with the scale loader (rutan/scale.py): first a small
programme (80 people, a sheet of 20), then a large one on top (250 more people, a sheet of 60). Each page is counted as the user who opens it after both loads; an N+1
or a query that grows with the data fails here long before it shows in `make bench`.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rutan.models import Facility
from rutan.models import User
from rutan.scale import ScaleLoader
from rutan.scale_pages import key_pages
from rutan.scale_pages import targets
from sessions.models import Session
from sessions.selectors import session_roster

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def _load(loader: ScaleLoader, *, prefix: str, people: int, sheet: int) -> None:
    demo = Facility.objects.get(code="rutan-balikpapan")
    users = dict(User.objects.values_list("username", "pk"))
    loader.load_facility(
        facility=demo.pk,
        zone=demo.timezone,
        partner=User.objects.get(username="fasilitator").partner_id,
        petugas=users["petugas"],
        kepala=users["kepala"],
        fasilitator=users["fasilitator"],
        prefix=prefix,
        people=people,
        largest_current=sheet,
    )
    loader.batch.flush()
    loader.people.clear()
    loader.ids.move_sequences()


def _counts(client, pages) -> dict[str, int]:
    counts = {}
    for label, username, path in pages:
        client.force_login(User.objects.get(username=username))
        client.get(path)  # warm: process-wide caches (content types…) are not the page's cost
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(queries)
    return counts


def _save_count(client, prefix: str) -> int:
    """Queries of saving the whole sheet of the `prefix` programme's session today."""
    session = Session.objects.get(pk=targets(prefix).sheet)
    data = {"version": session.attendance_version}
    for participant in session_roster(session):
        data[f"status_{participant.pk}"] = "present"
        data[f"reason_{participant.pk}"] = ""
    client.force_login(User.objects.get(username="petugas"))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/sesi/{session.pk}/kehadiran/", data)
    assert response.status_code == 302, response.status_code
    return len(queries)


@pytest.fixture
def two_sizes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, verbosity=0)
    return ScaleLoader(seed=3)


def test_it_needs_the_same_few_queries_for_a_small_and_a_large_facility(client, two_sizes):
    loader = two_sizes
    _load(loader, prefix="SA", people=80, sheet=20)
    small = {
        **_counts(client, key_pages(targets("SA"))),
        "attendance save": _save_count(client, "SA"),
    }
    _load(loader, prefix="SB", people=250, sheet=60)
    large = {
        **_counts(client, key_pages(targets("SB"))),
        "attendance save": _save_count(client, "SB"),
    }
    assert large == small
    assert (
        large["authenticated base page (floor)"] == 2
    )  # the session, then the user with facility, partner, roles
    over = {page: n for page, n in large.items() if n > MAX_QUERIES}
    assert not over, sorted(over.items())
