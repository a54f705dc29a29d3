"""The key pages need the same, small number of queries in a small and in a large facility.

The demo facility is loaded twice with the scale loader (rutan/scale.py): first a small
programme (80 people, a sheet of 20), then a large one on top (250 more people, a sheet of 60). Each page is counted as the user who opens it after both loads; an N+1
or a query that grows with the data fails here long before it shows in `make bench`.
"""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from rutan.admin_lists import NATIONAL_TABLES
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


def _admin_form_pages() -> list[tuple[str, str]]:
    """(label, path) of each admin add page, and the change page of the newest row."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        request = RequestFactory().get(base)
        request.user = User.objects.get(username="admin")
        if model_admin.has_add_permission(request):
            pages.append((f"{opts.label} add", base + "add/"))
        newest = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        if newest is not None:
            pages.append((f"{opts.label} change", f"{base}{newest}/change/"))
    return pages


def _form_costs(client, pages) -> dict[str, tuple[int, int]]:
    """(queries, <option> elements) of each page."""
    client.force_login(User.objects.get(username="admin"))
    costs = {}
    for label, path in pages:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (label, response.status_code)
        costs[label] = (len(queries), response.content.count(b"<option"))
    return costs


def test_admin_forms_cost_the_same_for_a_small_and_a_large_facility(client, two_sizes):
    loader = two_sizes
    _load(loader, prefix="SA", people=40, sheet=10)
    pages = _admin_form_pages()
    small = _form_costs(client, pages)
    _load(loader, prefix="SB", people=120, sheet=30)
    large = _form_costs(client, pages)
    assert large == small


def test_no_admin_form_lists_every_row_of_a_national_table():
    request = RequestFactory().get("/admin/")
    request.user = SimpleNamespace(is_active=True, is_superuser=True, has_perm=lambda *a: True)
    listed = []
    for model, model_admin in admin.site._registry.items():
        writable = model_admin.has_add_permission(request) or model_admin.has_change_permission(
            request
        )
        if not writable:
            continue  # a read-only register shows each field as text
        for form_admin in [model_admin, *model_admin.inlines]:
            form_model = getattr(form_admin, "model", model)
            typed = {
                *form_admin.raw_id_fields,
                *form_admin.autocomplete_fields,
                *(form_admin.readonly_fields or ()),
                *(form_admin.exclude or ()),
            }
            for field in form_model._meta.get_fields():
                pointer = field.concrete and (field.many_to_one or field.many_to_many)
                if not pointer or field.name in typed or not field.editable:
                    continue
                if form_admin is not model_admin and field.related_model is model:
                    continue  # an inline's own parent: a hidden field
                if field.related_model._meta.label in NATIONAL_TABLES:
                    listed.append(f"{form_model._meta.label}.{field.name}")
    assert not listed, listed
