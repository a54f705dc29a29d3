"""Several one-row aggregates in one round trip give what each queryset's aggregate() gives."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Avg, Count, Max, Q
from django.test.utils import CaptureQueriesContext

from participants.models import Participant
from rehab.models import Evaluation
from rutan.aggregates import aggregate_together
from tests.factories import EvaluationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_it_answers_each_part_as_its_own_aggregate_would_in_one_query(facility):
    ParticipantFactory(facility=facility, sex=Participant.Sex.MALE)
    ParticipantFactory(facility=facility, sex=Participant.Sex.FEMALE)
    EvaluationFactory(enrollment__participant__facility=facility, motivation=4)
    people = Participant.objects.filter(facility=facility)
    evaluations = Evaluation.objects.filter(enrollment__participant__facility=facility)
    people_counts = {"people": Count("id"), "men": Count("id", filter=Q(sex="M"))}
    evaluation_counts = {"evaluations": Count("id"), "motivation": Avg("motivation")}
    with CaptureQueriesContext(connection) as queries:
        together = aggregate_together((people, people_counts), (evaluations, evaluation_counts))
    assert len(queries) == 1
    assert together == {
        **people.aggregate(**people_counts),
        **evaluations.aggregate(**evaluation_counts),
    }


def test_an_empty_part_counts_zero_and_has_no_maximum(facility):
    ParticipantFactory(facility=facility)
    nobody = Participant.objects.filter(facility=facility, birth_date__gt=dt.date(2100, 1, 1))
    together = aggregate_together(
        (Participant.objects.filter(facility=facility), {"people": Count("id")}),
        (nobody, {"nobody": Count("id"), "latest": Max("birth_date")}),
    )
    assert together == {"people": 1, "nobody": 0, "latest": None}
