"""The relapse-risk trend (10 Hal Berbahaya) on the participant page and in the packet."""

import re

import pytest
from django.urls import reverse

from aftercare.models import Handover
from rehab.relapse import participant_relapse_trend

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
