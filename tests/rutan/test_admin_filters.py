"""Admin list filters at national size: the Kanwil first, then its facilities, then that
facility's cohorts; never every facility or every cohort of the country on one page."""

import re

import pytest
from django.urls import reverse

from rutan.admin_filters import LISTED_FACILITIES
from rutan.models import Facility
from tests.factories import CohortFactory, FacilityFactory, ParticipantFactory, SessionFactory

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
