"""Coded recap fields: the form, the import, the review page and the move from free text."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from participants.models import Participant
from participants.vocabularies import lookup
from participants.vocabularies import parse_duration
from tests.factories import ParticipantFactory
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row

REVIEW = reverse("participants:recap_review")


@pytest.mark.parametrize(
    "field, text, code",
    [
        ("primary_substance", "AMPHETAMINES", "amphetamines"),
        ("primary_substance", "amfetamin (SABU, ekstasi)", "amphetamines"),
        ("primary_substance", "Kanabis (ganja, gele, cimeng)", "cannabis"),  # the ASSIST name
        ("use_route", "disuntikkan", "injected"),
        ("diagnosis", "f15.2", "F15"),
        ("diagnosis", "Tidak ada diagnosis", "none"),
        ("treatment_history", "pernah, rawat jalan", "outpatient"),
        ("primary_substance", "sabu-sabu campur", None),
    ],
)
def test_it_looks_up_a_code_or_its_label_in_any_case(field, text, code):
    assert lookup(field, text) == code


def test_it_reads_a_duration_only_with_its_unit():
    assert parse_duration("18 bulan") == (18, "")
    assert parse_duration("3 Tahun") == (36, "")
    assert parse_duration("2thn") == (24, "")
    assert parse_duration("5")[0] is None and "satuan" in parse_duration("5")[1]


@pytest.mark.django_db
def test_it_imports_codes_or_labels_and_refuses_unknown_values(client, petugas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(petugas)
    good = row(
        1,
        zat_utama="Amfetamin (sabu, ekstasi)",
        lama_pakai="18 bulan",
        cara_pakai="SMOKED",
        diagnosis="f15",
        riwayat_terapi="belum pernah",
    )
    bad = row(2, zat_utama="Sabu campur", lama_pakai="5", riwayat_terapi="kadang")
    client.post(
        reverse("participants:import"),
        {"file": SimpleUploadedFile("sdp.csv", csv_bytes([good, bad]))},
    )
    preview = client.get(reverse("participants:import_preview")).context["preview"]
    first, second = preview.rows
    assert first.errors == []
    assert {k: first.values[k] for k in ("primary_substance", "use_route", "diagnosis")} == {
        "primary_substance": "amphetamines",
        "use_route": "smoked",
        "diagnosis": "F15",
    }
    assert (first.values["treatment_history"], first.values["use_duration_months"]) == ("never", 18)
    messages = " ".join(second.errors)
    assert "Zat utama: “Sabu campur” tidak dikenal" in messages
    assert "Riwayat terapi/rehabilitasi: “kadang” tidak dikenal" in messages
    assert "Lama pemakaian: “5”" in messages


@pytest.mark.django_db
def test_it_offers_the_codes_on_the_participant_form(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    client.force_login(petugas)
    edit = reverse("participants:edit", args=[participant.pk])
    page = client.get(edit).content.decode()
    assert '<option value="F15">F15 Gangguan akibat stimulansia lain</option>' in page
    data = {
        "name": participant.name,
        "nik": participant.nik,
        "birth_date": "1990-01-01",
        "sex": "M",
        "admission_date": "2025-06-01",
        "primary_substance": "Sabu",  # free text is not a choice any more
        "treatment_history": "never",
    }
    response = client.post(edit, data)
    assert "primary_substance" in response.context["form"].errors
    data.update(primary_substance="amphetamines", use_duration="18", use_duration_unit="months")
    assert client.post(edit, data).status_code == 302
    participant.refresh_from_db()
    assert (participant.primary_substance, participant.use_duration_months) == ("amphetamines", 18)
    assert participant.use_duration_display == "1 tahun 6 bulan"


@pytest.mark.django_db
def test_it_lists_the_values_to_review_in_scope_and_clears_them_once_saved(
    client, petugas, kepala, fasilitator, other_facility
):
    mine = ParticipantFactory(
        facility=petugas.facility,
        name="Perlu Tinjau",
        recap_unmapped={"treatment_history": "Rehabilitasi sosial berbasis masyarakat"},
    )
    ParticipantFactory(facility=petugas.facility, name="Sudah Berkode")
    ParticipantFactory(
        facility=other_facility, name="UPT Lain", recap_unmapped={"diagnosis": "gangguan"}
    )
    client.force_login(kepala)
    page = client.get(REVIEW)
    assert [p.name for p in page.context["rows"]] == ["Perlu Tinjau"]
    assert "Riwayat terapi/rehabilitasi" in page.content.decode()
    client.force_login(fasilitator)
    assert client.get(REVIEW).status_code in (403, 404)

    client.force_login(petugas)
    page = client.get(REVIEW).content.decode()
    edit = reverse("participants:edit", args=[mine.pk])
    assert edit in page
    form = client.get(edit).content.decode()
    assert "Rehabilitasi sosial berbasis masyarakat" in form  # the old text beside the field
    client.post(
        edit,
        {
            "name": mine.name,
            "nik": mine.nik,
            "birth_date": "1990-01-01",
            "sex": "M",
            "admission_date": "2025-06-01",
            "treatment_history": "other",
        },
    )
    mine.refresh_from_db()
    assert (mine.treatment_history, mine.recap_unmapped) == ("other", {})
    assert client.get(REVIEW).context["rows"] == []


@pytest.mark.django_db(transaction=True)
def test_its_data_migration_maps_unambiguous_text_and_keeps_the_rest_for_review():
    executor = MigrationExecutor(connection)
    # rutan back to before the facility's contact fields, which the old state does not know.
    before = [
        ("participants", "0004_recap_coded_fields"),
        ("rutan", "0014_notification_follow_up_due"),
    ]
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldFacility = old.get_model("rutan", "Facility")
    OldParticipant = old.get_model("participants", "Participant")
    facility = OldFacility.objects.create(name="Rutan Uji", code="rutan-uji")

    def person(n, **fields):
        return OldParticipant.objects.create(
            facility=facility,
            register_type="A.II",
            registration_number=f"AII.{n}/2025",
            name=f"Orang {n}",
            sex="M",
            admission_date=dt.date(2025, 6, 1),
            **fields,
        ).pk

    clear = person(
        1,
        primary_substance="Metamfetamin (sabu)",
        use_route="Dihisap/dibakar",
        diagnosis="Gangguan penggunaan zat stimulan (amfetamin) — berat",
        treatment_history="Belum pernah",
        use_duration_years=3,
    )
    unclear = person(
        2,
        primary_substance="sabu dan ganja",
        treatment_history="Program terapi rumatan metadon 2019–2020; detoksifikasi 2022",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    first = Participant.objects.get(pk=clear)
    assert (
        first.primary_substance,
        first.use_route,
        first.diagnosis,
        first.treatment_history,
        first.use_duration_months,
        first.recap_unmapped,
    ) == ("amphetamines", "smoked", "F15", "never", 36, {})
    second = Participant.objects.get(pk=unclear)
    assert (second.primary_substance, second.treatment_history) == ("", "")
    assert second.recap_unmapped == {
        "primary_substance": "sabu dan ganja",
        "treatment_history": "Program terapi rumatan metadon 2019–2020; detoksifikasi 2022",
    }
    assert second.treatment_history_detail.startswith("Program terapi rumatan metadon")
    assert list(Participant.objects.recap_to_review()) == [second]
