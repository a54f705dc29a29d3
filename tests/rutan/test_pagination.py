"""The one pager: `page` everywhere, the old `halaman` still opens the page it names."""

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

LIST = reverse("participants:list")


def test_it_reads_the_old_halaman_parameter_and_links_with_page(client, petugas):
    ParticipantFactory.create_batch(60, facility=petugas.facility)
    client.force_login(petugas)
    page = client.get(LIST, {"halaman": 2}).content.decode()
    assert "Menampilkan 26–50 dari 60 warga binaan" in page
    assert 'href="?page=3"' in page  # the old name is dropped from the links


def test_it_numbers_the_pages_around_the_current_one(client, petugas):
    ParticipantFactory.create_batch(11 * 25 + 1, facility=petugas.facility)
    client.force_login(petugas)
    page = client.get(LIST, {"page": 9}).content.decode()
    assert 'aria-current="page"><span class="page-link">9<' in page
    assert "?page=7" in page and "?page=12" in page
