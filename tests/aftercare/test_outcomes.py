"""The dashboard's outcome figures equal a recount from the rows."""

import datetime as dt

import pytest
from django.urls import reverse

from aftercare.models import FollowUp
from aftercare.models import Handover
from participants.models import Enrollment
from participants.models import Screening
from tests.aftercare.conftest import screened
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 11, 29)


@pytest.fixture
def rows(facility, kepala, petugas, bapas_office):
    statuses = ["completed"] * 3 + ["dropped_out", "released", "active"]
    enrollments = [
        EnrollmentFactory(
            participant__facility=facility,
            cohort__programme__facility=facility,
            status=status,
            ended_on=None if status == "active" else dt.date(2025, 12, 5),
        )
        for status in statuses
    ]
    scores = [
        ({"cannabis": 20}, {"cannabis": 6}),
        ({"cannabis": 10, "amphetamines": 30}, {"cannabis": 4, "amphetamines": 12}),
        ({"alcohol": 15}, None),
    ]
    for enrollment, (entry, exit_) in zip(enrollments, scores, strict=False):
        p = enrollment.participant
        screened(p, Screening.Kind.ENTRY, dt.date(2025, 11, 1), petugas, entry)
        if exit_:
            screened(p, Screening.Kind.EXIT, dt.date(2025, 12, 4), petugas, exit_)
    days = [dt.date(2025, 12, 10), dt.date(2026, 4, 1), dt.date(2026, 9, 1)]
    contacts = {
        0: [(3, True, "none"), (6, True, "used"), (12, False, "unknown")],
        1: [(3, True, "none"), (6, False, "unknown")],
        2: [],
    }
    for i, day in enumerate(days):
        handover = Handover.objects.create(
            participant=enrollments[i].participant,
            bapas_office=bapas_office,
            reason="release",
            handed_over_on=day,
            handed_over_by=kepala,
        )
        for milestone, reached, use in contacts[i]:
            FollowUp.objects.create(
                handover=handover,
                milestone=milestone,
                contacted_on=handover.due_on(milestone),
                reached=reached,
                substance_use=use,
                recorded_by=kepala,
            )


def test_outcome_figures_equal_a_recount_from_the_rows(client, login, kepala, facility, rows):
    login(kepala)
    outcomes = client.get(reverse("rehab:dashboard"), {"per": ON.isoformat()}).context["outcomes"]

    ended = Enrollment.objects.filter(ended_on__lte=ON).exclude(status="active")
    completed = ended.filter(status="completed")
    assert (
        (outcomes["completion"].completed, outcomes["completion"].ended)
        == (
            completed.count(),
            ended.count(),
        )
        == (3, 5)
    )

    by_substance = {row.substance: row for row in outcomes["assist"]}
    assert set(by_substance) == {"cannabis", "amphetamines"}  # alcohol has no exit screening
    assert by_substance["cannabis"].people == 2
    assert (by_substance["cannabis"].entry_average, by_substance["cannabis"].exit_average) == (
        15.0,
        5.0,
    )
    assert by_substance["amphetamines"].change == -18.0

    for row in outcomes["follow_ups"]:
        due = [h for h in Handover.objects.all() if h.due_on(row.milestone) <= ON]
        contacts = FollowUp.objects.filter(handover__in=due, milestone=row.milestone)
        assert row.due == len(due)
        assert row.reached == contacts.filter(reached=True).count()
        assert row.abstinent == contacts.filter(reached=True, substance_use="none").count()
    assert [(r.due, r.reached, r.abstinent) for r in outcomes["follow_ups"]] == [
        (2, 2, 2),
        (2, 1, 0),
        (0, 0, 0),
    ]
    page = client.get(reverse("rehab:dashboard"), {"per": ON.isoformat()}).content.decode()
    assert "3 selesai dari 5 keikutsertaan yang berakhir" in page
