import datetime as dt

import pytest
from django.urls import reverse

from participants.services import screening_record
from rutan.models import AuditEvent
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ObservationFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.factories import RegisterChangeFactory
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

NIK = "6471990101900001"


@pytest.fixture
def participant(facility):
    return ParticipantFactory(
        facility=facility,
        name="Contoh Fiktif",
        nik=NIK,
        case_article="Pasal 112 ayat (1)",
        substance_history="Memakai sabu sejak 2019",
    )


def test_it_masks_sensitive_data_until_asked_and_records_who_asked(client, petugas, participant):
    client.force_login(petugas)
    url = reverse("participants:detail", args=[participant.pk])
    page = client.get(url).content.decode()
    assert "Contoh Fiktif" in page
    for secret in (NIK, "Pasal 112", "sabu sejak"):
        assert secret not in page
    assert not AuditEvent.objects.exists()
    response = client.post(reverse("participants:reveal", args=[participant.pk]))
    revealed = response.content.decode()
    assert NIK in revealed and "Pasal 112" in revealed and "sabu sejak" in revealed
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get()
    assert (event.user, event.action, event.object_id) == (
        petugas,
        "participant.view_sensitive",
        str(participant.pk),
    )
    assert event.facility_id == participant.facility_id


def test_it_reveals_as_a_fragment_for_htmx(client, kepala, participant):
    client.force_login(kepala)
    response = client.post(
        reverse("participants:reveal", args=[participant.pk]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert NIK in body and "<html" not in body
    assert AuditEvent.objects.filter(user=kepala).count() == 1


def test_it_records_opening_the_edit_form_which_shows_the_nik(client, petugas, participant):
    client.force_login(petugas)
    page = client.get(reverse("participants:edit", args=[participant.pk])).content.decode()
    assert NIK in page
    assert AuditEvent.objects.get().detail == "formulir ubah data"


def test_it_never_reveals_to_a_facilitator(client, fasilitator, participant):
    client.force_login(fasilitator)
    assert client.get(reverse("participants:detail", args=[participant.pk])).status_code == 403
    assert client.post(reverse("participants:reveal", args=[participant.pk])).status_code == 403
    assert not AuditEvent.objects.exists()


def test_it_answers_404_for_another_facilitys_participant(client, petugas_other, participant):
    client.force_login(petugas_other)
    assert client.get(reverse("participants:detail", args=[participant.pk])).status_code == 404
    assert client.post(reverse("participants:reveal", args=[participant.pk])).status_code == 404


def test_it_shows_a_timeline_fed_by_registry_enrolment_and_sessions(client, petugas, participant):
    cohort = CohortFactory(
        programme=ProgrammeFactory(facility=participant.facility), name="Angkatan I"
    )
    enrollment = EnrollmentFactory(participant=participant, cohort=cohort, status="screened")
    ConsentFactory(participant=participant, given_on=dt.date(2025, 11, 2))
    enrollment.enroll(on=dt.date(2025, 11, 3), reason="Lolos skrining")
    RegisterChangeFactory(participant=participant, reason="Putusan PN")
    session = SessionFactory(cohort=cohort, title="Sesi Pemicu")
    AttendanceFactory(session=session, participant=participant, status="court", reason="Sidang PN")
    ObservationFactory(
        session=SessionFactory(cohort=cohort, title="Sesi Emosi"),
        participant=participant,
        remark="Aktif bertanya",
    )
    client.force_login(petugas)
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    timeline = page[page.index('data-testid="timeline"') :]
    for text in (
        "Angkatan I: Terdaftar",
        "Lolos skrining",
        "Register berubah",
        "Persetujuan",
        "Sidang PN",
        "Masuk",
    ):
        assert text in timeline
    assert "Hadir 0% dari 1 sesi" in page
    # Observations are for the partner and the kepala, not petugas (see tests/sessions).
    assert "Aktif bertanya" not in timeline


def test_it_warns_where_the_rutan_reality_bites(client, petugas, participant):
    participant.expected_release_date = dt.date(2025, 11, 20)
    participant.save()
    cohort = CohortFactory(
        programme=ProgrammeFactory(facility=participant.facility), name="Angkatan I"
    )
    EnrollmentFactory(participant=participant, cohort=cohort, status="active")
    EnrollmentFactory(
        participant=participant,
        status="transferred",
        ended_on=dt.date(2025, 6, 1),
        end_reason="Pindah ke Lapas",
    )
    RegisterChangeFactory(participant=participant, changed_on=dt.date(2025, 11, 20))
    client.force_login(petugas)
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    assert "jatuh sebelum Angkatan I berakhir" in page
    assert "Register berubah dari A.III ke B.I" in page
    assert "Tercatat dipindahkan" in page and "Pindah ke Lapas" in page
    assert "Belum ada skrining ASSIST awal" in page
    assert "sudah berakhir pada" in page and "status masih Aktif" in page


def test_it_builds_the_page_in_a_fixed_number_of_queries(
    client, petugas, participant, django_assert_max_num_queries
):
    def grow():
        cohort = CohortFactory(programme=ProgrammeFactory(facility=participant.facility))
        EnrollmentFactory(participant=participant, cohort=cohort, status="completed")
        screening_record(
            participant=participant,
            kind="entry",
            screened_on=dt.date(2025, 11, 1),
            screener=petugas,
            answers={"alcohol": {"ever_used": True, "responses": {2: "daily", 6: "no", 7: "no"}}},
        )
        ConsentFactory(participant=participant)
        IntegrationProgrammeFactory(participant=participant)
        RegisterChangeFactory(participant=participant)
        session = SessionFactory(cohort=cohort)
        AttendanceFactory(session=session, participant=participant, status="sick", reason="Demam")
        ObservationFactory(session=session, participant=participant)

    grow()
    client.force_login(petugas)
    url = reverse("participants:detail", args=[participant.pk])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(5):
        grow()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_it_lets_the_kepala_read_but_not_change(client, kepala, participant):
    client.force_login(kepala)
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    assert "Contoh Fiktif" in page and "Catat persetujuan" not in page
    for name in (
        "edit",
        "change_register",
        "screening_create",
        "consent_create",
        "integration_create",
    ):
        assert client.get(reverse(f"participants:{name}", args=[participant.pk])).status_code == 403
    assert (
        client.post(reverse("participants:enrollment_create", args=[participant.pk])).status_code
        == 403
    )
