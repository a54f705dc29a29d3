"""A word longer than its box (a number typed without spaces, a pasted link, a name from an
import) wraps inside the page: the page never scrolls sideways because of stored text."""

import pytest
from django.urls import reverse

from participants.models import Enrollment
from rutan.roles import Role
from tests.factories import PASSWORD
from tests.factories import EnrollmentFactory
from tests.factories import FacilityFactory
from tests.factories import ParticipantFactory
from tests.factories import UserFactory

LONG = "W" * 150


@pytest.fixture
def long_words(db):
    facility = FacilityFactory(name=f"Rutan {LONG}")
    participant = ParticipantFactory(facility=facility, name=f"Budi {LONG}", birth_place=LONG[:100])
    EnrollmentFactory(
        participant=participant,
        cohort__programme__facility=facility,
        cohort__name=f"Angkatan {LONG}",
        status=Enrollment.Status.DROPPED_OUT,
        end_reason="x" * 3000,
    )
    UserFactory(username="kepala_panjang", first_name=LONG, facility=facility, role=Role.KEPALA)
    return participant


@pytest.mark.parametrize("width", [1280, 390])
def test_long_stored_words_do_not_widen_the_page(page, live_server, sign_in, long_words, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "kepala_panjang", PASSWORD)
    for url in (reverse("home"), reverse("participants:detail", args=[long_words.pk])):
        page.goto(live_server.url + url)
        page.screenshot(
            path=f"/tmp/pulih-long-words-{width}-{url.strip('/').replace('/', '-')}.png"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
