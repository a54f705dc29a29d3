"""The PP 25/2011 recap counts codes: "Belum pernah" is never counted as treated (aspect 7)."""

import datetime as dt

import pytest
from django.urls import reverse

from participants.vocabularies import guess_code
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.pdf_checks import pdf_text
from tests.rehab.report_workbook import monthly_workbook
from tests.rehab.report_workbook import sheet_figures
from tests.rehab.reports_fixture import label_counts

pytestmark = pytest.mark.django_db
NOVEMBER = dt.date(2025, 11, 1)


@pytest.fixture
def month(facility):
    cohort = CohortFactory(programme=ProgrammeFactory(facility=facility))
    histories = ["never"] * 3 + ["outpatient", "inpatient", ""]
    substances = ["amphetamines"] * 4 + ["cannabis", "other"]
    for history, substance in zip(histories, substances, strict=True):
        EnrollmentFactory(
            cohort=cohort,
            participant=ParticipantFactory(
                facility=facility,
                treatment_history=history,
                primary_substance=substance,
                diagnosis="F15" if substance == "amphetamines" else "none",
                use_route="smoked",
                use_duration_months=30,
            ),
        )
    return facility


def test_it_counts_never_treated_as_never_on_the_page_in_the_pdf_and_in_excel(
    client, kepala, month
):
    client.force_login(kepala)
    args = [month.code, 2025, 11]
    page = client.get(reverse("rehab:report_monthly", args=args))
    report = page.context["report"]
    expected = {
        "Belum pernah": 3,
        "Pernah, rawat jalan": 1,
        "Pernah, rawat inap": 1,
        "Pernah, di UPT Pemasyarakatan": 0,
        "Pernah, lainnya": 0,
        "Tidak dicatat": 1,
    }
    assert label_counts(report.treatment_history) == expected
    assert label_counts(report.substances) == {
        "Kanabis (ganja)": 1,
        "Amfetamin (sabu, ekstasi)": 4,
        "Zat lain": 1,
    }
    assert label_counts(report.durations)["1–2 tahun"] == 6

    text = " ".join(
        pdf_text(client.get(reverse("rehab:report_monthly_pdf", args=args)).content).split()
    )
    for label, count in expected.items():
        assert f"{label} {count}" in text, label

    rows = sheet_figures(monthly_workbook(client, args)["PP25 Riwayat terapi"])
    assert {k: rows[k] for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    ["Belum pernah", "belum pernah", "Tidak pernah", "BELUM PERNAH DIREHABILITASI", "tidak ada"],
)
def test_it_maps_every_way_of_saying_never_to_the_never_code(text):
    assert guess_code("treatment_history", text) == "never"


@pytest.mark.parametrize(
    "text, code",
    [
        ("Rawat jalan di klinik BNN Kota Balikpapan, 2023 (tidak tuntas)", "outpatient"),
        ("Rehabilitasi rawat inap 3 bulan, 2021; kambuh", "inpatient"),
        ("Pernah di Lapas Narkotika", "upt"),
        # Two kinds of treatment, or none named: a person decides.
        ("Program terapi rumatan metadon 2019–2020, berhenti; detoksifikasi 2022", None),
        ("Rehabilitasi sosial berbasis masyarakat, 2020", None),
    ],
)
def test_it_maps_treatment_text_only_when_it_names_one_kind(text, code):
    assert guess_code("treatment_history", text) == code
