"""Admin changelists at national size: the Kanwil first, then its facilities, then that
facility's cohorts; never every facility or every cohort of the country on one page."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rutan.admin_lists import LISTED_FACILITIES
from rutan.models import Facility
from tests.factories import CohortFactory
from tests.factories import EvaluationFactory
from tests.factories import FacilityFactory
from tests.factories import ParticipantFactory
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nation(regions):
    """More facilities than the filter lists at once, spread over two Kanwil."""
    kaltim, jakarta = regions.get(code="64"), regions.get(code="31")
    for n in range(LISTED_FACILITIES + 1):
        FacilityFactory(name=f"UPT Uji {n:02d}", region=kaltim if n % 2 else jakarta)
    return kaltim, jakarta


def test_a_small_installation_lists_its_facilities_at_once(client, admin_user):
    here = FacilityFactory(name="Rutan Kecil")
    ParticipantFactory(facility=here)
    client.force_login(admin_user)
    page = client.get(reverse("admin:participants_participant_changelist")).content.decode()
    assert re.search(rf"\?upt={here.pk}\b", page)


def test_the_nation_chooses_a_kanwil_before_a_facility(client, admin_user, nation):
    kaltim, _jakarta = nation
    east = Facility.objects.filter(region=kaltim).order_by("name")
    inside, outside = east.first(), Facility.objects.exclude(region=kaltim).first()
    ParticipantFactory(facility=inside, name="Orang Kaltim")
    ParticipantFactory(facility=outside, name="Orang Jakarta")
    client.force_login(admin_user)
    url = reverse("admin:participants_participant_changelist")

    page = client.get(url).content.decode()
    assert "?upt=" not in page  # 31 facilities: not listed before a Kanwil
    assert "?kanwil=64" in page

    page = client.get(url, {"kanwil": "64"}).content.decode()
    listed = {int(pk) for pk in re.findall(r"(?:\?|&amp;)upt=(\d+)", page)}
    assert listed == {f.pk for f in east} and outside.pk not in listed
    assert "Orang Kaltim" in page and "Orang Jakarta" not in page

    page = client.get(url, {"kanwil": "64", "upt": inside.pk}).content.decode()
    assert "Orang Kaltim" in page and "Orang Jakarta" not in page
    # A facility number that does not read is ignored, not an error.
    assert client.get(url, {"upt": "x"}).status_code == 200


def test_sessions_list_only_the_chosen_facilitys_cohorts(client, admin_user, nation):
    ours = CohortFactory(name="Angkatan Kita")
    theirs = CohortFactory(name="Angkatan Lain")
    SessionFactory(cohort=ours)
    SessionFactory(cohort=theirs)
    client.force_login(admin_user)
    url = reverse("admin:rehab_sessions_session_changelist")

    page = client.get(url).content.decode()
    assert "angkatan=" not in page  # no cohort of the country before a facility

    facility = ours.programme.facility_id
    page = client.get(url, {"upt": facility}).content.decode()
    listed = {int(pk) for pk in re.findall(r"(?:\?|&amp;)angkatan=(\d+)", page)}
    assert listed == {ours.pk} and theirs.pk != ours.pk
    page = client.get(url, {"upt": facility, "angkatan": ours.pk}).content.decode()
    assert page.count('class="action-select"') == 1  # that cohort's one session


def test_the_big_tables_list_newest_first_without_counting_twice(client, admin_user, facility):
    # The later month was entered first: newest-entered first is the primary key's order.
    older = EvaluationFactory(
        enrollment__cohort__programme__facility=facility, period=dt.date(2025, 12, 1)
    )
    newer = EvaluationFactory(
        enrollment__cohort__programme__facility=facility, period=dt.date(2025, 11, 1)
    )
    client.force_login(admin_user)
    url = reverse("admin:rehab_evaluation_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, {"kanwil": facility.region.code}).content.decode()
    rows = re.findall(r'name="_selected_action" value="(\d+)"', page)
    assert rows == [str(newer.pk), str(older.pk)]
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1  # the filtered page's count, not a second count of every row


@pytest.mark.parametrize(
    ("model", "word", "index"),
    [
        ("participant", "udi hart", "participant_name_trgm"),
        ("participant", "b.77/2025", "participant_registration_number_trgm"),
        ("enrollment", "udi hart", "participant_name_trgm"),
    ],
)
def test_the_admin_search_finds_part_of_a_name_or_number_through_an_index(
    client, admin_user, facility, model, word, index
):
    person = ParticipantFactory(
        facility=facility, name="Rudi Hartono", registration_number="B.77/2025"
    )
    other = ParticipantFactory(
        facility=facility, name="Siti Aminah", registration_number="A.12/2025"
    )
    for participant in (person, other):
        participant.enrollments.create(cohort=CohortFactory(programme__facility=facility))
    client.force_login(admin_user)
    url = reverse(f"admin:participants_{model}_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, {"q": word}).content.decode()
    assert "Rudi Hartono" in page and "Siti Aminah" not in page
    listed = next(
        q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"] and "ORDER BY" in q["sql"]
    )
    # At national size a LIKE '%word%' read every row (0.3-2 s); the trigram index answers it in
    # ~20 ms at 240,000 people. On a test-sized table the planner would read the rows anyway, so it
    # is told to keep away from whole-table and whole-index scans, as the index's numbers make it
    # do on a big table.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {listed}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan


def test_the_big_tables_sort_only_by_a_column_an_index_returns_in_order(
    client, admin_user, facility
):
    for n in range(3):
        EvaluationFactory(
            enrollment__cohort__programme__facility=facility, period=dt.date(2025, 10 + n, 1)
        )
    client.force_login(admin_user)
    url = reverse("admin:rehab_evaluation_changelist")
    page = client.get(url).content.decode()
    assert "?o=" not in page  # no column header offers a sort
    SessionFactory()
    page = client.get(reverse("admin:rehab_sessions_session_changelist")).content.decode()
    assert "?o=" not in page
    for column in ("1", "-2", "3.-4"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"o": column}).status_code == 200
        listed = next(
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].startswith('SELECT "rehab_evaluation"') and "ORDER BY" in q["sql"]
        )
        assert listed.endswith('ORDER BY "rehab_evaluation"."id" DESC'), listed

    ParticipantFactory(facility=facility, name="Bayu")
    ParticipantFactory(facility=facility, name="Andi")
    url = reverse("admin:participants_participant_changelist")
    page = client.get(url, {"o": "-1"}).content.decode()
    assert page.index("Bayu") < page.index("Andi")  # by name, the index's order
    assert "?o=2" not in page and "?o=-2" not in page
