"""Every form answers a refused submit with an error summary at the top linking to each field."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def summary(page: str) -> str:
    start = page.index('data-testid="error-summary"')
    return page[start : page.index("</div>", start)]


def test_a_bad_nik_is_named_at_the_top_with_a_link_to_the_field(client, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("participants:create"),
        {"name": "Orang Uji", "register_type": "A.III", "nik": "12", "sex": "M"},
    )
    page = response.content.decode()
    top = summary(page)
    assert 'href="#id_nik"' in top and "NIK" in top
    # Above the form, so it is the first thing seen and focused.
    assert page.index('data-testid="error-summary"') < page.index('id="id_name"')
    assert "js/error-summary.js" in page


@pytest.mark.parametrize(
    "url_name,user_fixture",
    [
        ("rehab:programme_create", "kepala"),
        ("rehab:module_create", "admin_user"),
        ("rehab:partner_create", "admin_user"),
        ("sessions:create", "petugas"),
        ("password_change", "petugas"),
        ("participants:import", "petugas"),
        ("aftercare:hearing_import", "petugas"),
        ("two_factor_setup", "petugas"),
    ],
)
def test_other_forms_show_the_summary_too(login_as, client, url_name, user_fixture):
    login_as(user_fixture)
    page = client.post(reverse(url_name), {"kosong": "1"}).content.decode()
    assert "data-error-summary" in page
    assert 'data-error-link="id_' in summary(page)
