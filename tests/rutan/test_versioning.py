"""Issue 9, item 9: two people editing the same record. The second saver gets the conflict
page listing what the first changed (old → new); the first one's data survives; saving
again from the conflict page is a deliberate overwrite."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from rehab.models import Agreement
from rehab.models import Evaluation
from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rutan.roles import Role
from tests.factories import AgreementFactory
from tests.factories import CohortFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeEvaluationFactory
from tests.factories import ProgrammeFactory
from tests.factories import UserFactory
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What the browser would post back for the page's form, unchanged."""
    form = (
        response.context["adminform"].form
        if "adminform" in response.context
        else (response.context["form"])
    )
    # The browser only sends the version if the page renders it.
    if form.initial.get("version") is not None:
        html = response.content.decode()
        assert f'name="version" value="{form["version"].value()}"' in html
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or isinstance(value, FieldFile) or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, dt.date):
            data[name] = field.widget.format_value(value)
        else:
            data[name] = str(value)
    return data


def edit_twice(first_user, second_user, url: str, mine: dict, theirs: dict, **urls):
    """Both users open the form; the first saves `mine`, then the second saves `theirs`."""
    first, second = as_user(first_user), as_user(second_user)
    first_form, second_form = form_data(first.get(url)), form_data(second.get(url))
    saved = first.post(urls.get("first_url", url), {**first_form, **mine})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    return second.post(urls.get("second_url", url), {**second_form, **theirs})


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_conflict(response, *fragments: str) -> None:
    assert response.status_code == 409
    page = response.content.decode()
    assert 'data-testid="stale-version"' in page
    for fragment in fragments:
        assert fragment in page, fragment


def test_a_stale_participant_edit_overwrites_nothing(petugas, facility):
    other = UserFactory(facility=facility, role=Role.PETUGAS)
    participant = ParticipantFactory(facility=facility, cell_block="Blok A", name="Andi Pratama")
    url = reverse("participants:edit", args=[participant.pk])
    stale = edit_twice(petugas, other, url, {"cell_block": "Blok B"}, {"name": "Andi P."})
    assert_conflict(stale, "Blok hunian", "Blok A → Blok B", str(petugas))
    participant.refresh_from_db()
    assert (participant.name, participant.cell_block, participant.version) == (
        "Andi Pratama",
        "Blok B",
        1,
    )
    # The second user's typing is still on the page; saving again is deliberate and works.
    again = form_data(stale)
    assert again["name"] == "Andi P." and again["version"] == "1"
    assert again["cell_block"] == "Blok B"
    assert "sudah dimasukkan ke formulir" in stale.content.decode()
    assert as_user(other).post(url, again).status_code == 302
    participant.refresh_from_db()
    assert (participant.name, participant.version) == ("Andi P.", 2)
    # The block the first user set, a field the second never touched, is not put back.
    assert participant.cell_block == "Blok B"


def test_a_field_both_changed_keeps_what_the_second_typed(petugas, facility):
    other = UserFactory(facility=facility, role=Role.PETUGAS)
    participant = ParticipantFactory(facility=facility, cell_block="Blok A")
    url = reverse("participants:edit", args=[participant.pk])
    stale = edit_twice(petugas, other, url, {"cell_block": "Blok B"}, {"cell_block": "Blok C"})
    assert_conflict(stale, "Blok A → Blok B")
    assert "sudah dimasukkan ke formulir" not in stale.content.decode()
    again = form_data(stale)
    assert again["cell_block"] == "Blok C"
    assert as_user(other).post(url, again).status_code == 302
    participant.refresh_from_db()
    assert participant.cell_block == "Blok C"


def test_a_stale_enrolment_transition_is_refused_with_what_changed(petugas, facility, partner):
    other = UserFactory(facility=facility, role=Role.PETUGAS)
    today = timezone.localdate()
    cohort = CohortFactory(
        programme__facility=facility,
        programme__partner=partner,
        start_date=today - dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=20),
    )
    enrollment = EnrollmentFactory(
        cohort=cohort,
        participant__facility=facility,
        status=Enrollment.Status.ENROLLED,
        activated_on=None,
    )
    ConsentFactory(participant=enrollment.participant, given_on=today - dt.timedelta(days=5))
    activate = reverse("participants:enrollment_transition", args=[enrollment.pk, "activate"])
    drop_out = reverse("participants:enrollment_transition", args=[enrollment.pk, "drop_out"])
    first, second = as_user(petugas), as_user(other)
    first_form = form_data(first.get(activate))
    second_form = form_data(second.get(drop_out))
    assert first.post(activate, first_form).status_code == 302
    stale = second.post(drop_out, {**second_form, "reason": "Menolak ikut"})
    assert_conflict(stale, "Terdaftar → Aktif")
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE and enrollment.end_reason == ""


def test_a_stale_evaluation_edit_overwrites_nothing(fasilitator, facility, partner):
    colleague = UserFactory(facility=None, partner=partner, role=Role.FASILITATOR)
    cohort = CohortFactory(programme__facility=facility, programme__partner=partner)
    evaluation = EvaluationFactory(
        enrollment=EnrollmentFactory(cohort=cohort, participant__facility=facility),
        author=fasilitator,
        status=ReviewStatus.DRAFT,
        motivation=3,
        notes="Awal",
    )
    url = reverse("rehab:evaluation_edit", args=[evaluation.pk])
    stale = edit_twice(
        fasilitator, colleague, url, {"motivation": "5", "action": "save"}, {"notes": "Versi kedua"}
    )
    assert_conflict(stale, "3 → 5")
    evaluation.refresh_from_db()
    assert (evaluation.motivation, evaluation.notes) == (5, "Awal")


def test_a_stale_programme_evaluation_edit_overwrites_nothing(fasilitator, facility, partner):
    colleague = UserFactory(facility=None, partner=partner, role=Role.FASILITATOR)
    agreement = AgreementFactory(facility=facility, partner=partner)
    ProgrammeFactory(facility=facility, partner=partner, agreement=agreement)
    evaluation = ProgrammeEvaluationFactory(
        agreement=agreement, author=fasilitator, status=ReviewStatus.DRAFT
    )
    url = reverse("rehab:programme_evaluation_edit", args=[evaluation.pk])
    stale = edit_twice(
        fasilitator,
        colleague,
        url,
        {"achievements": "16 sesi terlaksana.", "action": "save"},
        {"obstacles": "Tidak ada."},
    )
    assert_conflict(stale, "15 sesi terlaksana sesuai jadwal. → 16 sesi terlaksana.")
    evaluation = ProgrammeEvaluation.objects.get(pk=evaluation.pk)
    assert evaluation.achievements == "16 sesi terlaksana."
    assert evaluation.obstacles == "Beberapa peserta mengikuti sidang."


def test_a_stale_agreement_edit_overwrites_nothing(kepala, admin_user, facility, partner):
    agreement = AgreementFactory(facility=facility, partner=partner, signed_place="Balikpapan")
    url = reverse("rehab:agreement_edit", args=[agreement.pk])
    stale = edit_twice(
        kepala,
        admin_user,
        url,
        {"signed_place": "Samarinda"},
        {"title": "Judul dari pengguna kedua"},
    )
    assert_conflict(stale, "Balikpapan → Samarinda")
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert agreement.signed_place == "Samarinda"
    assert agreement.title != "Judul dari pengguna kedua"


def test_an_addendum_makes_an_open_agreement_form_stale(kepala, facility, partner):
    agreement = AgreementFactory(facility=facility, partner=partner)
    client = as_user(kepala)
    url = reverse("rehab:agreement_edit", args=[agreement.pk])
    opened = form_data(client.get(url))
    agreement.extend_to(dt.date(2027, 11, 4))
    stale = client.post(url, opened)
    assert_conflict(stale, "4 November 2026 → 4 November 2027")
    assert Agreement.objects.get(pk=agreement.pk).valid_until == dt.date(2027, 11, 4)


def test_a_stale_integration_programme_edit_overwrites_nothing(petugas, facility, partner):
    other = UserFactory(facility=facility, role=Role.PETUGAS)
    programme = IntegrationProgrammeFactory(
        participant__facility=facility,
        participant__register_type="B.I",
        guarantor=partner,
    )
    ProgrammeFactory(facility=facility, partner=partner)
    url = reverse("participants:integration_edit", args=[programme.pk])
    stale = edit_twice(
        petugas,
        other,
        url,
        {"guarantor_statement": "Dijamin SEKATA"},
        {"guarantor_statement": "Dijamin keluarga"},
    )
    assert_conflict(stale, "— → Dijamin SEKATA")
    programme = IntegrationProgramme.objects.get(pk=programme.pk)
    assert programme.guarantor_statement == "Dijamin SEKATA"


def test_an_import_makes_an_open_participant_form_stale(petugas, facility, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    participant = ParticipantFactory(
        facility=facility, register_type="A.III", registration_number="AIII.00001/2025"
    )
    client = as_user(petugas)
    url = reverse("participants:edit", args=[participant.pk])
    opened = form_data(client.get(url))
    content = csv_bytes([row(1, blok="Blok Impor")])
    client.post(reverse("participants:import"), {"file": SimpleUploadedFile("a.csv", content)})
    summary = client.get(reverse("participants:import_preview")).context["summary"]
    client.post(
        reverse("participants:import_commit"),
        {"expect_create": summary["create"], "expect_update": summary["update"]},
    )
    assert Participant.objects.get(pk=participant.pk).cell_block == "Blok Impor"
    stale = client.post(url, {**opened, "birth_place": "Penajam"})
    assert_conflict(stale, "Blok A → Blok Impor")
    assert Participant.objects.get(pk=participant.pk).birth_place != "Penajam"


def test_an_evaluation_created_then_edited_counts_versions(fasilitator, facility, partner):
    cohort = CohortFactory(programme__facility=facility, programme__partner=partner)
    evaluation = EvaluationFactory(
        enrollment=EnrollmentFactory(cohort=cohort, participant__facility=facility),
        author=fasilitator,
        status=ReviewStatus.DRAFT,
    )
    client = as_user(fasilitator)
    url = reverse("rehab:evaluation_edit", args=[evaluation.pk])
    for expected in (1, 2):
        data = {**form_data(client.get(url)), "action": "save"}
        assert client.post(url, data).status_code == 302
        assert Evaluation.objects.get(pk=evaluation.pk).version == expected


def test_an_admin_edit_makes_an_open_form_stale(petugas, admin_user, facility):
    participant = ParticipantFactory(facility=facility, cell_block="Blok A")
    url = reverse("participants:edit", args=[participant.pk])
    client = as_user(petugas)
    opened = form_data(client.get(url))
    admin = as_user(admin_user)
    change = reverse("admin:participants_participant_change", args=[participant.pk])
    data = {**form_data(admin.get(change)), "cell_block": "Blok Admin"}
    assert admin.post(change, data).status_code == 302
    assert_conflict(client.post(url, {**opened, "name": "Nama Lain"}), "Blok A → Blok Admin")
    assert Participant.objects.get(pk=participant.pk).cell_block == "Blok Admin"
