"""One badge: every status a page shows has its colour in one table, drawn by one tag."""

import pytest
from django.template import Context
from django.template import Template

from participants.models import Enrollment
from participants.models import RiskLevel
from rehab.models import Agreement
from rehab.models import ReviewStatus
from rutan.badges import BADGE_CLASSES
from rutan.badges import DEFAULT_CLASS
from sessions.models import Attendance
from sessions.models import Session

SHOWN_AS_BADGES = [Enrollment.Status, RiskLevel, Agreement.Status, ReviewStatus]
SHOWN_AS_BADGES += [Session.Status, Attendance.Status]


@pytest.mark.parametrize("choices", SHOWN_AS_BADGES, ids=lambda c: c.__qualname__)
def test_it_gives_every_status_a_colour(choices):
    assert set(choices.values) <= set(BADGE_CLASSES)


def test_it_draws_a_choice_with_its_own_label_and_a_dash_for_none():
    html = Template(
        "{% load badges participants_tags %}{% badge 'high'|as_risk %}|{% badge ''|as_risk %}"
    ).render(Context())
    high, none = html.split("|")
    assert 'class="badge text-bg-danger"' in high and ">Tinggi<" in high
    assert "—" in none and "badge" not in none


def test_it_draws_a_code_with_the_label_and_test_id_given():
    html = Template('{% load badges %}{% badge "draft" "Draf" testid="status" %}').render(Context())
    assert html == (
        f'<span class="badge {DEFAULT_CLASS}" data-testid="status" data-status="draft">Draf</span>'
    )
