"""A word longer than its line (a number typed without spaces, a pasted link) stays on the
page of every PDF: the shared stylesheet breaks it where it must."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from rehab.models import Programme
from rutan.pdf import LONG_WORD
from rutan.pdf import break_long_words
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


def test_long_words_get_break_opportunities_outside_tags_and_entities():
    word = "W" * (LONG_WORD - 1) + "&amp;" + "W" * (LONG_WORD + 10)
    html = f'<p data-x="{"Q" * 200}">{word}</p><p>AII.0001/2025 kurang dari enam puluh</p>'
    broken = break_long_words(html)
    assert f'data-x="{"Q" * 200}"' in broken
    assert "&amp;" in broken and broken.count("\u200b") == 2
    assert broken.replace("\u200b", "") == html
    assert "AII.0001/2025 kurang dari enam puluh" in broken


@settings(max_examples=50, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="<>&"), max_size=400))
def test_no_run_of_text_is_left_longer_than_the_limit(text):
    broken = break_long_words(f"<p>{text}</p>")
    assert broken.replace("\u200b", "") == f"<p>{text}</p>"
    runs = "".join(c if not c.isspace() and c != "\u200b" else " " for c in broken[3:-4]).split()
    assert all(len(run) <= LONG_WORD for run in runs)
