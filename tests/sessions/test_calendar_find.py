"""The calendar's "Ke tanggal" and "Cari sesi", and the month view's titles."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.factories import CohortFactory
from tests.factories import ModuleFactory
from tests.factories import ProgrammeFactory
from tests.factories import SessionFactory
from tests.sessions.conftest import wita

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["2025-11-19", "19/11/2025", "19-11-2025"])
def test_it_jumps_to_the_week_of_a_date(client, petugas, session_on, typed):
    session_on(dt.date(2025, 11, 19), title="Sesi yang dicari")
    client.force_login(petugas)
    page = client.get(reverse("sessions:list"), {"tanggal": typed}).content.decode()
    assert "17 Nov – 23 Nov 2025" in page and "Sesi yang dicari" in page
    assert 'value="2025-11-19"' in page


def test_it_jumps_to_the_month_of_a_date(client, petugas, session_on):
    session_on(dt.date(2025, 11, 19), title="Sesi November")
    client.force_login(petugas)
    page = client.get(reverse("sessions:month"), {"tanggal": "2025-11-30"}).content.decode()
    assert 'data-testid="month-name">November 2025' in page and "Sesi November" in page


@pytest.mark.parametrize("bad", ["2026-02-30", "kemarin", "31/31/2025", "1899-01-01", "9999-12-31"])
def test_it_explains_a_date_it_cannot_read_and_stays_on_the_current_week(
    client, petugas, today, bad
):
    client.force_login(petugas)
    for name in ("sessions:list", "sessions:month"):
        response = client.get(reverse(name), {"tanggal": bad})
        page = response.content.decode()
        assert response.status_code == 200
        assert 'data-testid="jump-error"' in page and "tidak dikenali" in page
        assert f"“{bad}”" in page
    assert today.strftime("%Y") in page


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=60), query=st.text(max_size=150))
def test_it_never_fails_on_whatever_is_typed(client, petugas, typed, query):
    client.force_login(petugas)
    for name in ("sessions:list", "sessions:month"):
        response = client.get(reverse(name), {"tanggal": typed, "cari": query})
        # A NUL byte is refused for the whole site (rutan.middleware), with its own message.
        assert response.status_code == (400 if "\x00" in typed + query else 200)


def test_it_finds_sessions_by_module_code_module_title_or_session_title(
    client, petugas, session_on, django_assert_max_num_queries
):
    relapse = ModuleFactory(code="RHB-10", title="Pencegahan kekambuhan")
    session_on(dt.date(2025, 11, 26), module=relapse)
    session_on(dt.date(2026, 1, 14), module=relapse, title="Kekambuhan: sesi ulang")
    session_on(dt.date(2025, 11, 19), title="Hari keluarga")
    client.force_login(petugas)
    cases = {"rhb-10": 2, "kekambuhan": 2, "keluarga": 1, "tidak ada": 0}
    for query, expected in cases.items():
        with django_assert_max_num_queries(11):
            page = client.get(reverse("sessions:list"), {"cari": query}).content.decode()
        assert page.count('data-testid="search-result"') == expected, query
    page = client.get(reverse("sessions:list"), {"cari": "kekambuhan"}).content.decode()
    # Newest first, each with its day linking to its week.
    assert page.index("Kekambuhan: sesi ulang") < page.index("Pencegahan kekambuhan</a>")
    assert "minggu=2026-01-14" in page


def test_it_searches_only_what_the_user_may_see(
    client, petugas, fasilitator, other_partner, facility, other_cohort, session_on
):
    session_on(dt.date(2025, 11, 19), title="Konseling kelompok SEKATA")
    # The same facility, another partner's programme: the petugas sees it, our facilitator not.
    elsewhere = CohortFactory(programme=ProgrammeFactory(facility=facility, partner=other_partner))
    SessionFactory(
        cohort=elsewhere,
        title="Konseling kelompok mitra lain",
        starts_at=wita(dt.date(2025, 11, 20)),
    )
    SessionFactory(
        cohort=other_cohort,
        title="Konseling kelompok Samarinda",
        starts_at=wita(dt.date(2025, 11, 21)),
    )
    client.force_login(petugas)
    page = client.get(reverse("sessions:list"), {"cari": "konseling"}).content.decode()
    assert "mitra lain" in page and "SEKATA" in page and "Samarinda</a>" not in page
    client.force_login(fasilitator)
    page = client.get(reverse("sessions:list"), {"cari": "konseling"}).content.decode()
    assert "SEKATA" in page and "mitra lain" not in page and "Samarinda</a>" not in page


def test_the_month_view_names_each_session_not_only_its_code(client, petugas, session_on):
    module = ModuleFactory(code="RHB-09", title="10 Hal Berbahaya dalam Proses Recovery")
    session_on(dt.date(2025, 11, 19), module=module)
    client.force_login(petugas)
    page = client.get(reverse("sessions:month"), {"bulan": "2025-11"}).content.decode()
    assert "RHB-09" in page and "10 Hal Berbahaya dalam Proses Recovery" in page
