"""The PKS register and agreement pages, per role, with their scope and query counts."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from rehab.models import Agreement
from rehab.models import AgreementScopeItem
from rutan.roles import Role
from tests.factories import AddendumFactory
from tests.factories import AgreementFactory
from tests.factories import AgreementScopeItemFactory
from tests.factories import FacilityFactory
from tests.factories import PartnerFactory
from tests.factories import ProgrammeFactory
from tests.factories import UserFactory
from tests.factories import pdf_bytes
from tests.rehab.test_agreements_documents import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def today() -> dt.date:
    return timezone.localdate()


def active_agreement(**kwargs) -> Agreement:
    values = {
        "valid_from": today() - dt.timedelta(days=100),
        "valid_until": today() + dt.timedelta(days=300),
        "approved_at": timezone.now(),
        **kwargs,
    }
    return AgreementFactory(**values)


def test_the_register_lists_only_the_own_facility(client, kepala, other_facility, partner):
    mine = active_agreement(facility=kepala.facility, partner=partner, facility_number="PKS-MILIK")
    active_agreement(facility=other_facility, facility_number="PKS-LAIN")
    client.force_login(kepala)
    page = client.get(reverse("rehab:agreement_list")).content.decode()
    assert mine.facility_number in page and "PKS-LAIN" not in page


def test_the_register_filters_by_status_and_partner(client, admin_user, facility, partner):
    active_agreement(facility=facility, partner=partner, facility_number="PKS-AKTIF")
    active_agreement(
        facility=facility,
        facility_number="PKS-HAMPIR",
        valid_until=today() + dt.timedelta(days=20),
    )
    AgreementFactory(facility=facility, facility_number="PKS-DRAF")
    client.force_login(admin_user)
    url = reverse("rehab:agreement_list")
    page = client.get(url, {"status": "expiring"}).content.decode()
    assert "PKS-HAMPIR" in page and "PKS-AKTIF" not in page and "PKS-DRAF" not in page
    page = client.get(url, {"partner": partner.pk}).content.decode()
    assert "PKS-AKTIF" in page and "PKS-HAMPIR" not in page
    page = client.get(url, {"facility": FacilityFactory().pk}).content.decode()
    assert 'data-testid="agreement-empty"' in page


def test_the_register_is_built_in_a_fixed_number_of_queries(
    client, admin_user, django_assert_max_num_queries
):
    for _ in range(30):
        active_agreement()
    client.force_login(admin_user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("rehab:agreement_list"))
    assert response.content.decode().count('data-testid="agreement-status"') == 25


def test_petugas_have_no_agreement_pages(client, petugas):
    client.force_login(petugas)
    agreement = active_agreement(facility=petugas.facility)
    assert client.get(reverse("rehab:agreement_list")).status_code == 403
    assert client.get(reverse("rehab:agreement_detail", args=[agreement.pk])).status_code == 403


def test_a_facilitator_reads_their_partners_agreement_only(
    client, fasilitator, facility, other_partner
):
    mine = active_agreement(facility=facility, partner=fasilitator.partner)
    theirs = active_agreement(facility=facility, partner=other_partner)
    client.force_login(fasilitator)
    response = client.get(reverse("rehab:agreement_detail", args=[mine.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("rehab:agreement_edit", args=[mine.pk]) not in page
    assert reverse("rehab:agreement_activate", args=[mine.pk]) not in page
    assert client.get(reverse("rehab:agreement_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("rehab:agreement_edit", args=[mine.pk])).status_code == 403
    assert client.get(reverse("rehab:agreement_create")).status_code == 403


def test_another_facilitys_agreement_answers_404(client, kepala, other_facility):
    agreement = active_agreement(facility=other_facility)
    client.force_login(kepala)
    for name in ["rehab:agreement_detail", "rehab:agreement_edit", "rehab:agreement_terminate"]:
        assert client.get(reverse(name, args=[agreement.pk])).status_code == 404
    assert client.post(reverse("rehab:agreement_activate", args=[agreement.pk])).status_code == 404


def test_a_kepala_drafts_an_agreement_for_their_own_facility_only(
    client, kepala, other_facility, partner
):
    client.force_login(kepala)
    # A forged facility id in the POST is ignored: the field is fixed to the kepala's facility.
    response = client.post(reverse("rehab:agreement_create"), form_data(other_facility, partner))
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.facility == kepala.facility
    assert agreement.status == Agreement.Status.DRAFT


def test_it_explains_an_end_date_before_the_start(client, admin_user, facility, partner):
    client.force_login(admin_user)
    data = form_data(facility, partner, valid_until="2025-01-01")
    page = client.post(reverse("rehab:agreement_create"), data).content.decode()
    assert "tidak boleh sebelum tanggal mulainya" in page
    assert not Agreement.objects.exists()


def test_it_refuses_a_duplicate_number_at_the_same_facility(client, kepala, partner):
    existing = AgreementFactory(facility=kepala.facility)
    client.force_login(kepala)
    data = form_data(kepala.facility, partner, facility_number=existing.facility_number)
    page = client.post(reverse("rehab:agreement_create"), data).content.decode()
    assert "sudah terdaftar di UPT ini" in page
    assert Agreement.objects.count() == 1


def test_it_links_programmes_of_the_same_facility_and_partner_only(
    client, admin_user, facility, partner, other_partner
):
    ours = ProgrammeFactory(facility=facility, partner=partner, name="Program Kita")
    foreign = ProgrammeFactory(facility=facility, partner=other_partner, name="Program Mitra Lain")
    client.force_login(admin_user)
    data = form_data(facility, partner, programmes=[ours.pk, foreign.pk])
    page = client.post(reverse("rehab:agreement_create"), data).content.decode()
    assert "Program Mitra Lain dijalankan bersama mitra lain." in page
    response = client.post(reverse("rehab:agreement_create"), {**data, "programmes": [ours.pk]})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.agreement == Agreement.objects.get()


def test_editing_keeps_scope_item_rows_and_their_history(client, admin_user, facility, partner):
    client.force_login(admin_user)
    client.post(reverse("rehab:agreement_create"), form_data(facility, partner))
    agreement = Agreement.objects.get()
    guidance = agreement.scope_items.get(kind=AgreementScopeItem.Kind.TECHNICAL_GUIDANCE)
    data = form_data(
        facility,
        partner,
        scope_standard=["guidance", "evaluation"],
        scope_other="",
        valid_until="2027-06-30",
    )
    assert (
        client.post(reverse("rehab:agreement_edit", args=[agreement.pk]), data).status_code == 302
    )
    kinds = list(agreement.scope_items.values_list("kind", flat=True))
    assert kinds == ["guidance", "evaluation"]
    assert agreement.scope_items.get(kind="guidance").pk == guidance.pk
    page = client.get(reverse("rehab:agreement_detail", args=[agreement.pk])).content.decode()
    assert "Ruang lingkup dihapus" in page and "Pelatihan keterampilan" in page
    assert "berlaku sampai: 4 Jan 2027 → 30 Jun 2027" in page


def test_the_kepala_activates_a_signed_draft(client, kepala, partner):
    agreement = AgreementFactory(
        facility=kepala.facility,
        partner=partner,
        valid_from=today() - dt.timedelta(days=5),
        valid_until=today() + dt.timedelta(days=360),
    )
    agreement.document.save("a.pdf", ContentFile(pdf_bytes()), save=True)
    client.force_login(kepala)
    url = reverse("rehab:agreement_activate", args=[agreement.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "PKS disetujui" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.approved_by == kepala
    assert agreement.status == Agreement.Status.ACTIVE
    assert "PKS disetujui dan diaktifkan" in response.content.decode()


def test_activation_without_document_is_explained(client, kepala, partner):
    agreement = AgreementFactory(facility=kepala.facility, partner=partner)
    client.force_login(kepala)
    response = client.post(reverse("rehab:agreement_activate", args=[agreement.pk]), follow=True)
    assert "lengkapi dahulu" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.approved_at is None


def test_the_administrator_registers_but_does_not_approve(client, admin_user, facility):
    agreement = AgreementFactory(facility=facility)
    client.force_login(admin_user)
    assert client.post(reverse("rehab:agreement_activate", args=[agreement.pk])).status_code == 403
    assert client.get(reverse("rehab:agreement_terminate", args=[agreement.pk])).status_code == 403


def test_termination_needs_a_reason(client, kepala):
    agreement = active_agreement(facility=kepala.facility)
    client.force_login(kepala)
    url = reverse("rehab:agreement_terminate", args=[agreement.pk])
    page = client.post(url, {"terminated_on": today().isoformat(), "reason": "  "}).content.decode()
    assert "Bidang ini tidak boleh kosong" in page or "wajib diisi" in page
    agreement.refresh_from_db()
    assert agreement.terminated_on is None
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    page = client.post(url, {"terminated_on": tomorrow, "reason": "Sepakat"}).content.decode()
    assert "tidak boleh di masa depan" in page
    response = client.post(
        url, {"terminated_on": today().isoformat(), "reason": "Kesepakatan para pihak"}, follow=True
    )
    page = response.content.decode()
    assert "PKS diakhiri pada" in page and "Kesepakatan para pihak" in page
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.TERMINATED and agreement.terminated_by == kepala
    assert client.get(reverse("rehab:agreement_edit", args=[agreement.pk])).status_code == 403


def test_an_addendum_with_a_new_end_date_extends_the_agreement(client, kepala):
    agreement = active_agreement(
        facility=kepala.facility, valid_until=today() + dt.timedelta(days=20)
    )
    client.force_login(kepala)
    new_end = today() + dt.timedelta(days=385)
    data = {
        "number": "ADD-01/PKS/2026",
        "title": "Perpanjangan masa berlaku",
        "signed_on": today().isoformat(),
        "effective_from": today().isoformat(),
        "changes": "Masa berlaku diperpanjang satu tahun.",
        "new_valid_until": new_end.isoformat(),
    }
    url = reverse("rehab:agreement_addendum_create", args=[agreement.pk])
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "Adendum tercatat" in page and "ADD-01/PKS/2026" in page
    agreement.refresh_from_db()
    assert agreement.valid_until == new_end and agreement.status == Agreement.Status.ACTIVE
    # The same form sent again is saved once (rutan/submissions.py); another with its number is refused.
    page = client.post(url, {**data, "title": "Perpanjangan kedua"}).content.decode()
    assert "sudah tercatat pada PKS ini" in page
    assert agreement.addenda.count() == 1


def test_the_agreement_page_is_built_in_a_fixed_number_of_queries(
    client, kepala, partner, django_assert_max_num_queries
):
    agreement = active_agreement(
        facility=kepala.facility, partner=partner, guarantees_integration=True
    )
    for _ in range(10):
        AgreementScopeItemFactory(agreement=agreement)
    for number in range(5):
        AddendumFactory(agreement=agreement, number=f"ADD-{number}")
        agreement.extend_to(agreement.valid_until + dt.timedelta(days=1))
    client.force_login(kepala)
    with django_assert_max_num_queries(19):
        response = client.get(reverse("rehab:agreement_detail", args=[agreement.pk]))
    assert response.status_code == 200


def test_the_home_page_warns_60_days_before_the_end(client, kepala, admin_user, petugas, partner):
    ending = active_agreement(
        facility=kepala.facility,
        partner=partner,
        facility_number="PKS-AKAN-BERAKHIR",
        valid_until=today() + dt.timedelta(days=60),
    )
    active_agreement(
        facility=kepala.facility,
        facility_number="PKS-MASIH-LAMA",
        valid_until=today() + dt.timedelta(days=61),
    )
    AgreementFactory(facility=kepala.facility, facility_number="PKS-DRAF-BARU")
    for user in (kepala, admin_user):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert 'data-testid="home-agreements-expiring"' in page
        warning = page.split('data-testid="home-agreements-expiring"')[1].split("</div>")[0]
        assert ending.facility_number in warning and "60 hari lagi" in warning
        assert "PKS-MASIH-LAMA" not in warning
        assert "PKS-MASIH-LAMA" in page.split('data-testid="home-agreements-active"')[1]
        assert "PKS-DRAF-BARU" in page
    client.force_login(petugas)
    assert 'data-testid="home-agreements"' not in client.get(reverse("home")).content.decode()


def test_a_facilitator_sees_no_expiry_panel(client, fasilitator, facility):
    active_agreement(
        facility=facility, partner=fasilitator.partner, valid_until=today() + dt.timedelta(days=5)
    )
    client.force_login(fasilitator)
    assert 'data-testid="home-agreements"' not in client.get(reverse("home")).content.decode()


# Partners


def test_the_administrator_registers_and_edits_a_partner(client, admin_user):
    client.force_login(admin_user)
    data = {
        "name": "Yayasan Pelita Hati Balikpapan",
        "short_name": "Pelita Hati",
        "legal_form": "Yayasan",
        "legal_number": "AHU-0012345.AH.01.04.Tahun 2020",
        "city": "Balikpapan",
        "leader_name": "Siti Aminah",
        "leader_title": "Ketua",
        "email": "bukan-email",
    }
    page = client.post(reverse("rehab:partner_create"), data).content.decode()
    assert "alamat email yang valid" in page.lower() and "Pelita Hati" in page
    response = client.post(reverse("rehab:partner_create"), {**data, "email": "info@pelita.or.id"})
    assert response.status_code == 302
    partner = PartnerFactory._meta.model.objects.get(name=data["name"])
    client.post(
        reverse("rehab:partner_edit", args=[partner.pk]),
        {**data, "email": "info@pelita.or.id", "leader_name": "Siti Aminah, S.Psi."},
    )
    partner.refresh_from_db()
    assert partner.leader_name == "Siti Aminah, S.Psi."
    assert partner.history.count() == 2


def test_a_kepala_views_partners_they_have_an_agreement_with(
    client, kepala, partner, other_partner
):
    active_agreement(facility=kepala.facility, partner=partner)
    client.force_login(kepala)
    page = client.get(reverse("rehab:partner_list")).content.decode()
    assert partner.name in page and other_partner.name not in page
    assert client.get(reverse("rehab:partner_detail", args=[partner.pk])).status_code == 200
    assert client.get(reverse("rehab:partner_detail", args=[other_partner.pk])).status_code == 404
    assert client.get(reverse("rehab:partner_create")).status_code == 403
    assert client.get(reverse("rehab:partner_edit", args=[partner.pk])).status_code == 403


@pytest.mark.parametrize("user_fixture", ["fasilitator", "petugas"])
def test_other_roles_have_no_partner_pages(login_as, client, user_fixture, partner):
    login_as(user_fixture)
    assert client.get(reverse("rehab:partner_list")).status_code == 403


def test_the_partner_page_lists_its_facilitators_and_visible_agreements(
    client, kepala, partner, other_facility, django_assert_max_num_queries
):
    for _ in range(5):
        UserFactory(partner=partner, facility=None, role=Role.FASILITATOR)
    active_agreement(facility=kepala.facility, partner=partner, facility_number="PKS-KITA")
    active_agreement(facility=other_facility, partner=partner, facility_number="PKS-UPT-LAIN")
    client.force_login(kepala)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("rehab:partner_detail", args=[partner.pk])).content.decode()
    assert "PKS-KITA" in page and "PKS-UPT-LAIN" not in page
    assert page.count("<li>") >= 5


# Every page of this feature, for every role: 200, 403 (role) or 404 (out of scope).
ROLE_MATRIX = {
    # url name: (admin, kepala, kepala elsewhere, fasilitator, other partner's, petugas)
    "rehab:agreement_list": (200, 200, 200, 200, 200, 403),
    "rehab:agreement_detail": (200, 200, 404, 200, 404, 403),
    "rehab:agreement_edit": (200, 200, 404, 403, 403, 403),
    "rehab:agreement_addendum_create": (200, 200, 404, 403, 403, 403),
    "rehab:agreement_terminate": (403, 200, 404, 403, 403, 403),
    "rehab:agreement_create": (200, 200, 200, 403, 403, 403),
    "rehab:partner_list": (200, 200, 200, 403, 403, 403),
    "rehab:partner_detail": (200, 200, 404, 403, 403, 403),
    "rehab:partner_edit": (200, 403, 403, 403, 403, 403),
    "rehab:partner_create": (200, 403, 403, 403, 403, 403),
}
NEEDS_AGREEMENT = {
    "rehab:agreement_detail",
    "rehab:agreement_edit",
    "rehab:agreement_addendum_create",
    "rehab:agreement_terminate",
}
NEEDS_PARTNER = {"rehab:partner_detail", "rehab:partner_edit"}


@pytest.mark.parametrize("url_name", ROLE_MATRIX)
def test_each_role_reaches_only_its_pages(
    client, url_name, admin_user, kepala, fasilitator, fasilitator_other, petugas, other_facility
):
    agreement = active_agreement(facility=kepala.facility, partner=fasilitator.partner)
    kepala_elsewhere = UserFactory(facility=other_facility, role=Role.KEPALA)
    users = [admin_user, kepala, kepala_elsewhere, fasilitator, fasilitator_other, petugas]
    args = []
    if url_name in NEEDS_AGREEMENT:
        args = [agreement.pk]
    elif url_name in NEEDS_PARTNER:
        args = [agreement.partner_id]
    url = reverse(url_name, args=args)
    got = []
    for user in users:
        client.force_login(user)
        got.append(client.get(url).status_code)
    assert tuple(got) == ROLE_MATRIX[url_name]


def test_the_django_admin_shows_the_document_through_the_checked_view(client, admin_user):
    agreement = active_agreement()
    agreement.document.save("a.pdf", ContentFile(pdf_bytes()), save=True)
    AgreementScopeItemFactory(agreement=agreement)
    client.force_login(admin_user)
    page = client.get(reverse("admin:rehab_agreement_change", args=[agreement.pk])).content.decode()
    assert reverse("rehab:agreement_document", args=[agreement.pk]) in page
    assert 'type="file"' not in page


def test_the_register_shrugs_off_garbage_filters(client, kepala):
    active_agreement(facility=kepala.facility, facility_number="PKS-TETAP-TAMPIL")
    client.force_login(kepala)
    response = client.get(
        reverse("rehab:agreement_list"), {"status": "zzz", "partner": "abc", "page": "x"}
    )
    assert response.status_code == 200 and "PKS-TETAP-TAMPIL" in response.content.decode()
