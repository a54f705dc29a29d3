"""The kepala's dashboard: figures, charts without inline style, access and query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from rehab.models import Evaluation
from rehab.reports.dashboard import dashboard_figures
from rutan.roles import Role
from tests.factories import AgreementFactory
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ScreeningFactory
from tests.factories import UserFactory
from tests.rehab.reports_fixture import build_month
from tests.rehab.reports_fixture import label_counts
from tests.rehab.reports_fixture import session as held_session
from tests.rehab.reports_fixture import wita

ON = dt.date(2025, 12, 5)


@pytest.fixture
def programme_month(facility):
    cohort = CohortFactory(programme__facility=facility)
    people = []
    for risk in ("high", "moderate", "moderate", None):
        person = EnrollmentFactory(
            cohort=cohort, participant__facility=facility, activated_on=dt.date(2025, 11, 5)
        ).participant
        if risk:
            # An older screening with another result must not count: the latest entry one does.
            ScreeningFactory(
                participant=person, screened_on=dt.date(2025, 10, 1), highest_risk="low"
            )
            ScreeningFactory(
                participant=person, screened_on=dt.date(2025, 11, 1), highest_risk=risk
            )
        people.append(person)
    EnrollmentFactory(
        participant__facility=facility,
        cohort=cohort,
        status=Enrollment.Status.DROPPED_OUT,
        activated_on=dt.date(2025, 11, 5),
        ended_on=dt.date(2025, 11, 20),
    )
    session = held_session(cohort, wita(2025, 12, 1, 9, 0))
    for person, status in zip(people, ["present", "present", "late", "absent"], strict=True):
        AttendanceFactory(session=session, participant=person, status=status)
    first = people[0].enrollments.get()
    EvaluationFactory(enrollment=first, period=dt.date(2025, 10, 1), recommendation="continue")
    EvaluationFactory(enrollment=first, period=dt.date(2025, 11, 1), recommendation="integration")
    EvaluationFactory(
        enrollment=people[1].enrollments.get(), recommendation=Evaluation.Recommendation.REFER
    )
    AgreementFactory(
        facility=facility,
        facility_number="PKS-SEGERA",
        valid_until=dt.date(2026, 1, 20),
        approved_at=wita(2025, 11, 5, 10, 0),
    )
    AgreementFactory(
        facility=facility,
        facility_number="PKS-MASIH-LAMA",
        valid_until=dt.date(2026, 6, 1),
        approved_at=wita(2025, 11, 5, 10, 0),
    )
    IntegrationProgrammeFactory(participant=people[0], tpp_date=ON)
    IntegrationProgrammeFactory(
        participant=people[1], kind="cb", status=IntegrationProgramme.Status.APPROVED
    )
    return facility


@pytest.mark.django_db
def test_it_computes_the_programmes_health_on_a_day(programme_month):
    board = dashboard_figures(facility=programme_month, on=ON)
    assert board.active_participants == 4
    assert board.weeks[-1].week_start == dt.date(2025, 12, 1)
    assert (board.weeks[-1].attended, board.weeks[-1].recorded) == (3, 4)
    assert len(board.weeks) == 8 and board.weeks[0].recorded == 0
    assert board.dropouts == 1 and board.outcomes[-2].dropouts == 1
    assert label_counts(board.risk_levels) == {
        "Rendah": 0,
        "Sedang": 2,
        "Tinggi": 1,
        "Belum ada skrining awal": 1,
    }
    assert label_counts(board.recommendations)["Usulkan program integrasi"] == 1
    assert label_counts(board.recommendations)["Lanjutkan program"] == 0
    assert label_counts(board.recommendations)["Rujuk ke layanan lain"] == 1
    assert [e.agreement.facility_number for e in board.expiring_agreements] == ["PKS-SEGERA"]
    assert board.expiring_agreements[0].days_left == 46
    assert label_counts(board.integrations_by_kind)["Pembebasan Bersyarat (PB)"] == 1
    assert label_counts(board.integrations_by_kind)["Cuti Bersyarat (CB)"] == 0
    assert board.evaluations_waiting == 3


@pytest.mark.django_db
def test_it_draws_each_chart_as_svg_with_its_table_and_no_inline_style(
    client, kepala, programme_month
):
    client.force_login(kepala)
    response = client.get(reverse("rehab:dashboard"), {"per": ON.isoformat()})
    page = response.content.decode()
    assert response.status_code == 200
    # Six charts and the cohort's relapse-risk trend (the navbar's bell icon is not one).
    assert page.split('id="main"')[1].count("<svg") == 7
    assert "style=" not in page
    tables = ("weekly", "outcomes", "risk", "recommendations", "agreements", "integrations")
    for table in (*tables, "cohort-relapse"):
        assert f'data-testid="table-{table}"' in page
    assert 'data-testid="kpi-active">4<' in page
    assert "PKS-SEGERA" in page and "PKS-MASIH-LAMA" not in page


@pytest.mark.django_db
def test_it_tells_about_a_date_it_cannot_read(client, kepala, facility):
    client.force_login(kepala)
    response = client.get(reverse("rehab:dashboard"), {"per": "5 Desember"})
    assert response.status_code == 200
    assert "Tanggal tidak dikenali" in response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_dashboard_to_kepala_and_admin_only(
    client, facility, other_facility, kepala, admin_user, petugas, fasilitator
):
    url = reverse("rehab:dashboard")
    client.force_login(kepala)
    assert client.get(url, {"upt": other_facility.code}).status_code == 404
    client.force_login(admin_user)
    page = client.get(url, {"upt": other_facility.code}).content.decode()
    assert other_facility.name in page
    for user in (petugas, fasilitator):
        client.force_login(user)
        assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_its_query_count_does_not_grow_with_the_programme(client, facility, other_facility):
    build_month(facility, participants=2, sessions=1)
    build_month(other_facility, participants=20, sessions=6)
    found = []
    for place in (facility, other_facility):
        client.force_login(UserFactory(facility=place, role=Role.KEPALA))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("rehab:dashboard"), {"per": "2025-11-30"}).status_code == 200
        found.append(len(queries))
    assert found[0] == found[1] <= 25, found


@pytest.mark.django_db
def test_it_puts_a_reports_card_on_the_kepalas_home_and_a_due_card_on_the_facilitators(
    client, kepala, fasilitator, facility, partner
):
    cohort = CohortFactory(programme__facility=facility, programme__partner=partner)
    enrollment = EnrollmentFactory(cohort=cohort, participant__facility=facility)
    EnrollmentFactory(cohort=cohort, participant__facility=facility)
    EvaluationFactory(enrollment=enrollment, period=dt.date(2025, 11, 1))
    client.force_login(kepala)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-evaluations-waiting">1<' in page
    assert reverse("rehab:dashboard") in page
    client.force_login(fasilitator)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-evaluations-due">2<' in page
    # Each count opens its list: the due ones, and those the kepala returned.
    evaluations = reverse("rehab:evaluation_list")
    assert f'href="{evaluations}#due-title" data-testid="home-evaluations-due"' in page
    returned = f'href="{evaluations}?status=returned#list-title"'
    assert f'{returned} data-testid="home-evaluations-returned">0<' in page
    assert 'id="list-title"' in client.get(f"{evaluations}?status=returned").content.decode()


@pytest.mark.django_db
def test_each_count_on_the_kepalas_card_opens_what_it_counts(client, kepala, admin_user, facility):
    """The kepala sees "2 proposals waiting" and follows it to them (it was a bare number)."""
    IntegrationProgrammeFactory.create_batch(2, participant__facility=facility)
    client.force_login(kepala)
    page = client.get(reverse("home")).content.decode()
    dashboard = reverse("rehab:dashboard")
    assert f'href="{dashboard}#h-integrations" data-testid="home-integrations-waiting">2<' in page
    queue = reverse("rehab:approval_queue")
    assert f'href="{queue}" data-testid="home-evaluations-waiting">0<' in page
    assert f'href="{queue}#programme-evaluations" data-testid="home-programme-waiting">' in page
    assert 'id="h-integrations"' in client.get(dashboard).content.decode()
    # The administrator's count is of every facility; the dashboard shows one.
    client.force_login(admin_user)
    assert "home-integrations-waiting" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_it_lists_as_expiring_only_agreements_the_register_calls_expiring(facility):
    day = dt.date(2026, 3, 1)
    approved = {"approved_at": timezone.now()}
    AgreementFactory(
        facility=facility,
        facility_number="PKS-SEGERA",
        valid_from=dt.date(2025, 3, 1),
        valid_until=day + dt.timedelta(days=30),
        **approved,
    )
    # Approved but not yet in force: a draft in the register, not "about to end".
    AgreementFactory(
        facility=facility,
        facility_number="PKS-BELUM-MULAI",
        valid_from=day + dt.timedelta(days=10),
        valid_until=day + dt.timedelta(days=40),
        **approved,
    )
    board = dashboard_figures(facility=facility, on=day)
    assert [e.agreement.facility_number for e in board.expiring_agreements] == ["PKS-SEGERA"]
    assert board.expiring_agreements[0].days_left == 30
