"""A word longer than its line (a number typed without spaces, a pasted link) stays on the
page of every PDF: the shared stylesheet breaks it where it must."""

import pytest
from django.urls import reverse

from rehab.models import Programme
from tests.pdf_checks import keep_pages_as_png
from tests.pdf_checks import pdf_words
from tests.pdf_checks import words_off_the_page
from tests.rehab.reports_fixture import build_known_month

pytestmark = pytest.mark.django_db
LONG = "Jl." + "W" * 190


def test_the_monthly_report_breaks_a_long_address_and_programme_name(
    client, kepala, facility, other_facility
):
    build_known_month(facility, other_facility)
    facility.address = LONG * 3
    facility.save()
    Programme.objects.filter(facility=facility).update(name="P" * 200)
    client.force_login(kepala)

    pdf = client.get(reverse("rehab:report_monthly_pdf", args=[facility.code, 2025, 11])).content

    keep_pages_as_png(pdf, "monthly-report-long-words")
    assert words_off_the_page(pdf) == []
    assert "WWWW" in "".join(text for *_rest, text, _a, _b, _c, _d in pdf_words(pdf))
