"""The relapse-risk trend (10 Hal Berbahaya) on the participant page and in the packet."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from aftercare.models import Handover
from rehab.relapse import participant_relapse_trend
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import FacilityFactory
from tests.factories import UserFactory
from tests.pdf_checks import pdf_text

pytestmark = pytest.mark.django_db


def test_the_trend_counts_the_items_ticked_per_evaluation(leaving):
    trend = participant_relapse_trend(leaving.participant)
    assert trend.counts == [3, 1]
    rows = dict(trend.rows)
    assert rows["Kebosanan"] == [True, True]
    assert rows["Bergaul dengan pemakai"] == [True, False]
    assert len(trend.rows) == 10
    assert str(trend.chart).startswith("<svg")


def test_participant_page_and_packet_show_chart_and_table(
    client, login, kepala, bapas, bapas_office, leaving
):
    login(kepala)
    page = client.get(reverse("participants:detail", args=[leaving.participant.pk]))
    html = page.content.decode()
    assert 'data-testid="relapse-trend"' in html and "<svg" in html
    assert re.search(r"Bergaul dengan pemakai</td><td[^>]*>✓</td><td[^>]*>–", html)

    client.post(
        reverse("aftercare:create", args=[leaving.participant.pk]),
        {"bapas_office": bapas_office.pk, "reason": "pb", "handed_over_on": "2025-12-06"},
    )
    login(bapas)
    handover = Handover.objects.get()
    packet = client.get(reverse("aftercare:detail", args=[handover.pk])).content.decode()
    assert 'data-testid="relapse-trend"' in packet and "<svg" in packet
    pdf = client.get(reverse("aftercare:pdf", args=[handover.pk]))
    assert pdf.status_code == 200


def test_the_dossier_pdf_holds_the_trend_table(client, login, kepala, leaving):
    integration = leaving.participant.integration_programmes.get()
    login(kepala)
    response = client.get(reverse("rehab:dossier_pdf", args=[integration.pk]))
    text = pdf_text(response.content)
    assert "Tren risiko relapse" in text
    # The table row of one item: ticked in November, not in December.
    assert re.search(r"Bergaul dengan pemakai\s+✓\s+–", text)
    assert re.search(r"Jumlah\s+3\s+1", text)


def test_the_dashboard_draws_a_cohorts_trend_counted_from_its_evaluations(
    client, login, kepala, leaving
):
    other = EnrollmentFactory(
        participant__facility=leaving.participant.facility, cohort=leaving.cohort
    )
    for month, risks in ((11, ["boredom"]), (12, ["boredom", "user_friends"])):
        EvaluationFactory(
            enrollment=other, period=dt.date(2025, month, 1), relapse_risks=risks, kind="monthly"
        )
    EvaluationFactory(enrollment=other, period=dt.date(2025, 12, 1), status="draft", kind="exit")
    login(kepala)
    url = reverse("rehab:dashboard") + f"?angkatan={leaving.cohort.pk}"
    response = client.get(url)
    trend = response.context["cohort_trend"]
    # November: 3 items and 1 item; December: 1 item and 2 items (the draft is not counted).
    assert trend.evaluated == [2, 2]
    assert trend.averages == [2.0, 1.5]
    rows = dict(trend.rows)
    assert rows["Kebosanan"] == [2, 2] and rows["Bergaul dengan pemakai"] == [1, 1]
    assert 'data-testid="cohort-relapse-trend"' in response.content.decode()
    # Another facility's cohort is not offered: the trend falls back to this facility's.
    login(UserFactory(facility=FacilityFactory(), role="kepala"))
    assert client.get(url).context["trend_cohort"] != leaving.cohort
