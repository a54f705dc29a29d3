"""Several one-row aggregates in one round trip give what each queryset's aggregate() gives."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Avg
from django.db.models import Count
from django.db.models import Max
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from participants.models import Consent
from participants.models import Enrollment
from participants.models import Participant
from rehab.models import Evaluation
from rutan.aggregates import aggregate_together
from rutan.aggregates import fetch_together
from rutan.aggregates import prefetched
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import ParticipantFactory

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


def test_it_fetches_several_querysets_in_one_query_as_each_would_alone(facility, petugas):
    first = EnrollmentFactory(participant__facility=facility)
    EnrollmentFactory(participant__facility=facility, cohort=first.cohort)
    ConsentFactory(participant=first.participant, recorded_by=petugas)
    ConsentFactory(participant=first.participant, recorded_by=petugas)
    enrolments = (
        Enrollment.objects.filter(cohort=first.cohort)
        .select_related("participant__facility", "cohort")
        .annotate(consents_given=Count("participant__consents"))
        .order_by("-id")
    )
    consents = Consent.objects.select_related("recorded_by").filter(participant=first.participant)
    nobody = Participant.objects.filter(facility=facility, birth_date__gt=dt.date(2100, 1, 1))
    expected = [list(enrolments), list(consents), list(nobody)]
    with CaptureQueriesContext(connection) as queries:
        fetched = fetch_together(enrolments, consents, nobody)
    assert len(queries) == 1
    assert fetched == expected  # the same rows, each part in its own order
    authors = [c.recorded_by.username for c in expected[1]]
    with CaptureQueriesContext(connection) as queries:
        assert [e.participant.facility.name for e in fetched[0]] == [facility.name] * 2
        assert [c.recorded_by.username for c in fetched[1]] == authors
    assert len(queries) == 0  # joined, as select_related would
    assert [e.consents_given for e in fetched[0]] == [e.consents_given for e in expected[0]]
    assert [c.given_on for c in fetched[1]] == [c.given_on for c in expected[1]]


def test_prefetched_lists_are_read_without_a_query(facility, petugas):
    participant = ParticipantFactory(facility=facility)
    consent = ConsentFactory(participant=participant, recorded_by=petugas)
    fresh = Participant.objects.get(pk=participant.pk)
    prefetched(fresh, "consents", [consent])
    with CaptureQueriesContext(connection) as queries:
        assert list(fresh.consents.all()) == [consent]
        assert fresh.consents.all()[0].participant is fresh
    assert len(queries) == 0


def test_a_part_known_to_be_empty_is_left_out(facility):
    participant = ParticipantFactory(facility=facility)
    nobody = Participant.objects.none()
    people = Participant.objects.filter(facility=facility)
    assert fetch_together(nobody, people) == [[], [participant]]
    with CaptureQueriesContext(connection) as queries:
        fetched = fetch_together(nobody, Consent.objects.filter(participant__in=nobody))
    assert fetched == [[], []]
    assert len(queries) == 0
