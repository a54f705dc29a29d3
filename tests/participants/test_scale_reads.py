"""Reads that stay cheap in a national register: the kept latest risk, the admin's home and list."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Participant
from participants.models import Screening
from participants.services import screening_record
from rehab.tasks import summaries_refresh_run
from rutan.admin_lists import EstimatedCountPaginator
from tests.factories import FacilityFactory
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def screen(participant, by, day: int, answer: str) -> None:
    screening_record(
        participant=participant,
        kind=Screening.Kind.FOLLOW_UP,
        screened_on=dt.date(2025, 11, day),
        screener=by,
        answers={"cannabis": {"ever_used": True, "responses": {2: answer, 3: answer}}},
    )


def test_it_keeps_the_latest_screenings_risk_on_the_participant(petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    assert participant.latest_risk == ""
    screen(participant, petugas, 10, "daily")  # 6 + 6 = 12: moderate
    participant.refresh_from_db()
    assert participant.latest_risk == "moderate"
    # An older screening typed in later does not replace the latest one.
    screen(participant, petugas, 1, "never")
    participant.refresh_from_db()
    assert participant.latest_risk == "moderate"
    screen(participant, petugas, 20, "never")
    participant.refresh_from_db()
    assert participant.latest_risk == "low"
    # Keeping the column up to date is not an edit of the register.
    assert participant.history.count() == 1


def test_it_filters_the_list_by_the_kept_risk(client, petugas):
    risky = ParticipantFactory(facility=petugas.facility, name="Berisiko")
    ParticipantFactory(facility=petugas.facility, name="Belum")
    screen(risky, petugas, 10, "daily")
    client.force_login(petugas)
    page = client.get(reverse("participants:list"), {"risk": "moderate"})
    assert [p.name for p in page.context["page"]] == ["Berisiko"]


def test_it_shows_the_admin_national_counts_with_their_time(client, admin_user):
    ParticipantFactory.create_batch(3)
    client.force_login(admin_user)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="participants-total">3<' in page
    assert 'data-testid="participants-as-of"' in page
    # Until the summary job runs again the counts come from the cache: a new person is not
    # counted yet.
    ParticipantFactory()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home")).content.decode()
    assert 'data-testid="participants-total">3<' in page
    assert not any("participants_participant" in q["sql"] for q in queries.captured_queries)
    # The oversight summary job (every 10 minutes) counts them again; the page only reads.
    summaries_refresh_run()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home")).content.decode()
    assert 'data-testid="participants-total">4<' in page
    assert "diperbarui tiap 10 menit" in page
    assert not any("participants_participant" in q["sql"] for q in queries.captured_queries)


def test_it_lists_the_admin_participants_without_national_counts_or_distincts(client, admin_user):
    here = FacilityFactory()
    ParticipantFactory(facility=here, cell_block="Blok A")
    ParticipantFactory(cell_block="Blok Z")
    client.force_login(admin_user)
    url = reverse("admin:participants_participant_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    sqls = [q["sql"] for q in queries.captured_queries if "participants_participant" in q["sql"]]
    assert not any("DISTINCT" in sql for sql in sqls)
    assert sum("COUNT(" in sql for sql in sqls) == 1
    assert "Blok A" in page and "Blok Z" in page  # in the rows
    # With a facility chosen, the cell-block filter offers that facility's blocks.
    page = client.get(url, {"upt": here.pk}).content.decode()
    assert "?cell_block=Blok+A" in page and "cell_block=Blok+Z" not in page
    assert Participant.objects.count() == 2


def test_it_numbers_the_admins_unfiltered_pages_from_the_planners_estimate(
    client, admin_user, monkeypatch
):
    ParticipantFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE participants_participant")
    monkeypatch.setattr(EstimatedCountPaginator, "ESTIMATE_FROM", 1)
    client.force_login(admin_user)
    url = reverse("admin:participants_participant_changelist")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert not any("participants_participant" in sql for sql in counts)
    # A search is counted exactly.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"q": "x"}).status_code == 200
    assert any("COUNT(" in q["sql"] for q in queries.captured_queries)
