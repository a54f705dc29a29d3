"""Follow-up contacts at 1, 3, 6 and 12 months, recorded by the Bapas; due ones on its home."""

import datetime as dt

import pytest
from django.urls import reverse

from aftercare.models import FollowUp
from aftercare.selectors import follow_ups_due

pytestmark = pytest.mark.django_db


def test_milestones_fall_due_by_calendar_month(handover):
    assert handover.due_on(1) == dt.date(2026, 1, 31)
    assert handover.due_on(3) == dt.date(2026, 3, 31)
    assert handover.due_on(6) == dt.date(2026, 6, 30)
    assert handover.due_on(12) == dt.date(2026, 12, 31)


def test_due_follow_ups_show_a_week_ahead_and_leave_once_recorded(client, login, bapas, handover):
    due = follow_ups_due(bapas, dt.date(2026, 3, 24))
    assert [d.milestone for d in due] == [1, 3]

    login(bapas)
    url = reverse("aftercare:follow_up_create", args=[handover.pk])
    response = client.post(
        url,
        {
            "milestone": 1,
            "contacted_on": "2026-02-02",
            "reached": "on",
            "substance_use": "none",
            "activity": "work",
            "notes": "Bekerja di bengkel",
        },
    )
    assert response.status_code == 302
    assert [d.milestone for d in follow_ups_due(bapas, dt.date(2026, 3, 24))] == [3]
    page = client.get(reverse("aftercare:detail", args=[handover.pk])).content.decode()
    assert "Bekerja di bengkel" in page


def test_an_unreached_contact_records_nothing_about_use(client, login, bapas, handover):
    login(bapas)
    client.post(
        reverse("aftercare:follow_up_create", args=[handover.pk]),
        {
            "milestone": 1,
            "contacted_on": "2026-02-02",
            "substance_use": "none",
            "activity": "work",
            "rearrested": "on",
        },
    )
    follow_up = FollowUp.objects.get()
    assert not follow_up.reached and not follow_up.abstinent
    assert (follow_up.substance_use, follow_up.activity, follow_up.rearrested) == (
        "unknown",
        "unknown",
        False,
    )


def test_it_refuses_a_second_contact_for_a_milestone_and_a_date_before_handover(
    client, login, bapas, handover
):
    login(bapas)
    url = reverse("aftercare:follow_up_create", args=[handover.pk])
    data = {"milestone": 1, "contacted_on": "2025-12-01", "reached": "on"}
    data.update(substance_use="none", activity="work")
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert 'data-error-link="id_contacted_on"' in refused.content.decode()
    data["contacted_on"] = "2026-02-01"
    assert client.post(url, data).status_code == 302
    # The same form sent again is saved once (rutan/submissions.py); another contact is refused.
    assert client.post(url, {**data, "contacted_on": "2026-02-03"}).status_code == 400
    assert FollowUp.objects.count() == 1


def test_only_the_receiving_bapas_records_contacts(client, login, kepala, bapas_other, handover):
    data = {"milestone": 1, "contacted_on": "2026-02-01", "reached": "on"}
    login(kepala)
    assert (
        client.post(reverse("aftercare:follow_up_create", args=[handover.pk]), data).status_code
        == 403
    )
    login(bapas_other)
    assert (
        client.post(reverse("aftercare:follow_up_create", args=[handover.pk]), data).status_code
        == 404
    )
    assert not FollowUp.objects.exists()


def test_the_bapas_home_lists_due_follow_ups(client, login, bapas, handover):
    login(bapas)
    page = client.get(reverse("home")).content.decode()
    # Today is long after the 12-month milestone of a handover on 31 Dec 2025? Not necessarily:
    # whatever today is, the 1-month contact (31 Jan 2026) is due or past.
    assert "1 bulan" in page and "Rudi Hartono" in page
    # Cohorts are not a Bapas's work: no empty "running cohorts" card on its home.
    assert "Angkatan berjalan" not in page
