import pytest
from django.http import Http404

from participants.models import Participant
from rehab.models import Cohort
from rutan.scoping import scope_queryset
from tests.factories import CohortFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.factories import UserFactory


@pytest.mark.django_db
def test_it_limits_facility_staff_to_their_facility(petugas, kepala, other_facility):
    mine = ParticipantFactory(facility=petugas.facility)
    ParticipantFactory(facility=other_facility)
    for user in (petugas, kepala):
        scoped = scope_queryset(user, Participant.objects.all(), facility="facility")
        assert list(scoped) == [mine]


@pytest.mark.django_db
def test_it_limits_facilitators_to_their_partner(fasilitator, other_partner):
    mine = CohortFactory(programme=ProgrammeFactory(partner=fasilitator.partner))
    CohortFactory(programme=ProgrammeFactory(partner=other_partner))
    scoped = scope_queryset(
        fasilitator,
        Cohort.objects.all(),
        facility="programme__facility",
        partner="programme__partner",
    )
    assert list(scoped) == [mine]


@pytest.mark.django_db
def test_it_gives_facilitators_nothing_without_a_partner_path(fasilitator):
    ParticipantFactory()
    assert not scope_queryset(fasilitator, Participant.objects.all(), facility="facility").exists()


@pytest.mark.django_db
def test_it_lets_admins_see_every_facility(admin_user, facility, other_facility):
    ParticipantFactory(facility=facility)
    ParticipantFactory(facility=other_facility)
    assert scope_queryset(admin_user, Participant.objects.all(), facility="facility").count() == 2


@pytest.mark.django_db
def test_it_gives_users_without_role_nothing(facility):
    ParticipantFactory(facility=facility)
    nobody = UserFactory(facility=facility)
    assert not scope_queryset(nobody, Participant.objects.all(), facility="facility").exists()


@pytest.mark.django_db
def test_it_answers_404_for_another_facilitys_object(petugas, other_facility):
    theirs = ParticipantFactory(facility=other_facility)
    with pytest.raises(Http404):
        Participant.objects.get_visible(petugas, pk=theirs.pk)
    mine = ParticipantFactory(facility=petugas.facility)
    assert Participant.objects.get_visible(petugas, pk=mine.pk) == mine
