"""Text typed into one record and shown on another page's form stays text.

Django and crispy print a field's help text unescaped; the forms that put a stored value in
it (a cohort's name, a document's name, an imported cell) must escape that value.
"""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import AgreementFactory
from tests.factories import CohortFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

MARKUP = '"><img src=x onerror=alert(1)><script>alert(1)</script>'


def assert_shown_as_text(page: str) -> None:
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_cohort_name_on_the_consent_withdrawal_form_is_text(client, petugas, facility, today):
    started = today - dt.timedelta(days=10)
    cohort = CohortFactory(
        programme__facility=facility,
        name=f"Angkatan {MARKUP}",
        start_date=started,
        end_date=today + dt.timedelta(days=30),
    )
    participant = ParticipantFactory(facility=facility)
    consent = ConsentFactory(participant=participant, given_on=started)
    EnrollmentFactory(
        participant=participant,
        cohort=cohort,
        enrolled_on=started,
        activated_on=started,
        status_changed_on=started,
    )
    client.force_login(petugas)
    page = client.get(reverse("participants:consent_withdraw", args=[consent.pk]))
    assert_shown_as_text(page.content.decode())


def test_a_document_name_on_the_agreement_form_is_text(client, kepala, facility):
    agreement = AgreementFactory(
        facility=facility, document="agreements/pks.pdf", document_name=f"{MARKUP}.pdf"
    )
    client.force_login(kepala)
    page = client.get(reverse("rehab:agreement_edit", args=[agreement.pk]))
    assert_shown_as_text(page.content.decode())


def test_an_imported_value_beside_the_participant_form_is_text(client, petugas, facility):
    participant = ParticipantFactory(
        facility=facility, recap_unmapped={"treatment_history": f"Rehab {MARKUP}"}
    )
    client.force_login(petugas)
    page = client.get(reverse("participants:edit", args=[participant.pk]))
    assert_shown_as_text(page.content.decode())
