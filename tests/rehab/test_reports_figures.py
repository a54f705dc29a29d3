"""The monthly report's figures on a small known fixture, against numbers computed by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rehab.reports.figures import monthly_report
from tests.rehab.reports_fixture import NOVEMBER
from tests.rehab.reports_fixture import build_known_month
from tests.rehab.reports_fixture import build_month
from tests.rehab.reports_fixture import label_counts


@pytest.fixture
def known(facility, other_facility):
    return build_known_month(facility, other_facility)


@pytest.mark.django_db
def test_it_counts_participants_enrolments_and_sessions_by_hand(known):
    report = monthly_report(facility=known, month=NOVEMBER)
    a = report.activity
    assert (a.participants_handled, a.new_enrolments, a.active_at_end) == (4, 3, 2)
    assert (a.completions, a.dropouts, a.other_exits) == (1, 1, 0)
    assert (a.sessions_held, a.sessions_cancelled, a.sessions_planned) == (2, 1, 1)
    assert a.attendance_by_status == {
        "present": 3,
        "late": 1,
        "excused": 0,
        "sick": 1,
        "court": 0,
        "absent": 1,
    }
    assert a.attendance_rate == Decimal("66.7")
    assert [(s.day, s.attended, s.recorded) for s in report.sessions] == [
        (dt.date(2025, 11, 19), 2, 4),
        (dt.date(2025, 11, 30), 2, 2),
    ]
    [cohort] = report.cohorts
    assert (cohort.name, cohort.handled, cohort.completions, cohort.dropouts) == (
        "Angkatan I",
        4,
        1,
        1,
    )
    assert cohort.rate == Decimal("66.7")


@pytest.mark.django_db
def test_it_averages_only_submitted_and_approved_evaluations(known):
    a = monthly_report(facility=known, month=NOVEMBER).activity
    assert (a.evaluations_counted, a.evaluations_approved, a.evaluations_waiting) == (2, 1, 1)
    assert a.domain_averages == {
        "knowledge_pre": Decimal("50.0"),
        "knowledge_post": Decimal("75.0"),
        "motivation": Decimal("4.5"),
        "emotional_control": Decimal("3.5"),
        "social_support": Decimal("4.0"),
        "unit_behaviour": Decimal("4.5"),
    }
    assert a.knowledge_change == Decimal("25.0")
    assert a.recommendations == {"continue": 1, "graduate": 1, "refer": 0, "integration": 0}
    assert a.relapse_risks["boredom"] == 2
    assert a.relapse_risks["old_habits"] == 1
    assert a.relapse_risks["dishonesty"] == 0


@pytest.mark.django_db
def test_it_recaps_the_seven_aspects_of_pp_25_2011(known):
    report = monthly_report(facility=known, month=NOVEMBER)
    assert label_counts(report.sex) == {"Laki-laki": 3, "Perempuan": 1}
    assert label_counts(report.age_bands) == {
        "Di bawah 18 tahun": 0,
        "18–25 tahun": 2,
        "26–35 tahun": 1,
        "36–45 tahun": 0,
        "Di atas 45 tahun": 1,
        "Tidak diketahui": 0,
    }
    assert label_counts(report.substances) == {
        "Kanabis (ganja)": 1,
        "Amfetamin (sabu, ekstasi)": 2,
        "Tidak dicatat": 1,
    }
    assert label_counts(report.durations) == {
        "Kurang dari 1 tahun": 1,
        "1–2 tahun": 1,
        "3–5 tahun": 1,
        "6–10 tahun": 0,
        "Lebih dari 10 tahun": 1,
        "Tidak diketahui": 0,
    }
    assert label_counts(report.routes) == {
        "Dihisap/dibakar (merokok, bong)": 2,
        "Ditelan/diminum (oral)": 1,
        "Tidak dicatat": 1,
    }
    assert label_counts(report.diagnoses) == {
        "F15 Gangguan akibat stimulansia lain": 1,
        "Tidak dicatat": 3,
    }
    assert label_counts(report.treatment_history) == {
        "Belum pernah": 1,
        "Pernah, rawat jalan": 1,
        "Pernah, rawat inap": 0,
        "Pernah, di UPT Pemasyarakatan": 0,
        "Pernah, lainnya": 0,
        "Tidak dicatat": 2,
    }
    assert label_counts(report.integration_proposals)["Pembebasan Bersyarat (PB)"] == 1
    assert label_counts(report.integration_proposals)["Cuti Bersyarat (CB)"] == 1


@pytest.mark.django_db
def test_it_gives_an_empty_month_zeros_not_errors(facility):
    report = monthly_report(facility=facility, month=NOVEMBER)
    assert report.activity.participants_handled == 0
    assert report.activity.attendance_rate is None
    assert len(report.tables()) == 16


@pytest.mark.django_db
def test_its_query_count_does_not_grow_with_participants_or_sessions(facility, other_facility):
    build_month(facility, participants=2, sessions=1)
    build_month(other_facility, participants=12, sessions=5)
    counts = []
    for place in (facility, other_facility):
        with CaptureQueriesContext(connection) as queries:
            report = monthly_report(facility=place, month=NOVEMBER)
            report.tables()
        counts.append(len(queries))
    assert report.activity.participants_handled == 12
    assert report.activity.attendance_recorded == 60
    assert counts[0] == counts[1] <= 20, counts
