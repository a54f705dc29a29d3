"""Property: for any month of participants, enrolments, sessions and attendance, the monthly
report's page, PDF and workbook all equal a plain recount from the rows themselves.

Each example is built inside a transaction that is rolled back, so examples do not see each
other's rows. The recount below reads the generated rows, not the database, and follows the
definitions in rehab/reports/activity.py and Enrollment.objects.active_on / active_during.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from participants.models import Enrollment
from participants.models import Participant
from participants.vocabularies import Diagnosis
from participants.vocabularies import Route
from participants.vocabularies import Substance
from participants.vocabularies import TreatmentHistory
from rehab.reports.pp25 import AGE_BANDS
from rehab.reports.pp25 import DURATION_BANDS
from rutan.workbooks import HEADER_ROW
from sessions.models import Attendance
from sessions.models import Session
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import ConsentFactory
from tests.factories import EnrollmentFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeFactory
from tests.factories import UserFactory
from tests.pdf_checks import pdf_text
from tests.rehab.reports_fixture import session
from tests.rehab.reports_fixture import wita
from tests.rehab.test_reports import TableReader

MAX_EXAMPLES = 25
START = dt.date(2025, 11, 1)
END = dt.date(2025, 11, 30)
S = Enrollment.Status
TERMINAL = [S.COMPLETED, S.DROPPED_OUT, S.TRANSFERRED, S.RELEASED]
NOT_RECORDED = "Tidak dicatat"
UNKNOWN = "Tidak diketahui"


@dataclass
class Person:
    sex: str
    birth_date: dt.date | None
    substance: str
    route: str
    diagnosis: str
    history: str
    months: int | None
    status: str
    activated: dt.date | None
    ended: dt.date | None
    changed: dt.date | None
    consent_given: dt.date | None
    consent_withdrawn: dt.date | None


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


@st.composite
def people(draw) -> Person:
    status = draw(st.sampled_from([S.ENROLLED, S.ACTIVE, S.SUSPENDED, *TERMINAL]))
    activated = None if status == S.ENROLLED else day(draw(st.integers(-40, 35)))
    later = draw(st.integers(0, 50))
    ended = activated + dt.timedelta(days=later) if status in TERMINAL else None
    changed = activated + dt.timedelta(days=later) if status == S.SUSPENDED else None
    given = None
    withdrawn = None
    if draw(st.integers(0, 4)):  # one in five has no consent recorded
        given = (activated or day(-5)) - dt.timedelta(days=draw(st.integers(0, 5)))
        if draw(st.booleans()):
            withdrawn = given + dt.timedelta(days=draw(st.integers(0, 60)))
    return Person(
        sex=draw(st.sampled_from(Participant.Sex.values)),
        birth_date=draw(st.none() | st.dates(dt.date(1960, 1, 1), dt.date(2009, 12, 31))),
        substance=draw(st.sampled_from(["", *Substance.values])),
        route=draw(st.sampled_from(["", *Route.values])),
        diagnosis=draw(st.sampled_from(["", *Diagnosis.values])),
        history=draw(st.sampled_from(["", *TreatmentHistory.values])),
        months=draw(st.none() | st.integers(0, 200)),
        status=status,
        activated=activated,
        ended=ended,
        changed=changed,
        consent_given=given,
        consent_withdrawn=withdrawn,
    )


@dataclass
class Meeting:
    day: dt.date
    hour: int
    status: str
    attendance: list[str | None]  # per person, None: no row


@st.composite
def meetings(draw, n_people: int) -> Meeting:
    return Meeting(
        day=day(draw(st.integers(-1, 30))),
        hour=draw(st.sampled_from([0, 9, 23])),
        status=draw(st.sampled_from(Session.Status.values)),
        attendance=draw(
            st.lists(
                st.none() | st.sampled_from(Attendance.Status.values),
                min_size=n_people,
                max_size=n_people,
            )
        ),
    )


@st.composite
def months(draw):
    persons = draw(st.lists(people(), min_size=0, max_size=7))
    sessions = draw(st.lists(meetings(len(persons)), max_size=4))
    return persons, sessions


# --- the plain recount ---------------------------------------------------------------------


def consent_covers(p: Person, first: dt.date, last: dt.date) -> bool:
    """A consent given by `last` and not withdrawn before `first` (valid on a day: first=last,
    withdrawn after it)."""
    if p.consent_given is None or p.consent_given > last:
        return False
    return p.consent_withdrawn is None or p.consent_withdrawn >= first


def handled(p: Person) -> bool:
    if p.status == S.ENROLLED:
        return False
    if p.activated > END or (p.ended and p.ended < START):
        return False
    if p.status == S.SUSPENDED and p.changed < START:
        return False
    return consent_covers(p, START, END)


def active_at_end(p: Person) -> bool:
    if p.status == S.ENROLLED or p.activated > END or (p.ended and p.ended <= END):
        return False
    if p.status == S.SUSPENDED and p.changed <= END:
        return False
    valid = p.consent_given is not None and p.consent_given <= END
    return valid and (p.consent_withdrawn is None or p.consent_withdrawn > END)


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def in_band(value, low, high) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def coded(values: list[str], choices, *, all_codes: bool = False) -> dict[str, int]:
    counts = Counter(values)
    rows = {str(label): counts[code] for code, label in choices if all_codes or counts[code]}
    if counts[""] or all_codes:
        rows[NOT_RECORDED] = counts[""]
    return rows


def recount(persons: list[Person], sessions: list[Meeting]) -> dict[str, dict]:
    """Every figure the property checks, from the generated rows."""
    mine = [p for p in persons if handled(p)]
    in_month = [m for m in sessions if START <= m.day <= END]
    held = [m for m in in_month if m.status == Session.Status.HELD]
    statuses = Counter(s for m in held for s in m.attendance if s)
    recorded = sum(statuses.values())
    attended = statuses[Attendance.Status.PRESENT] + statuses[Attendance.Status.LATE]
    ended = [p for p in mine if p.ended and START <= p.ended <= END]
    labels = dict(Attendance.Status.choices)
    return {
        "Ringkasan": {
            "Warga binaan yang ditangani (orang)": len(mine),
            "Peserta baru bulan ini": sum(p.activated >= START for p in mine),
            "Peserta aktif pada akhir bulan": sum(active_at_end(p) for p in persons),
            "Selesai program": sum(p.status == S.COMPLETED for p in ended),
            "Keluar/berhenti (drop-out)": sum(p.status == S.DROPPED_OUT for p in ended),
            "Dipindahkan atau bebas": sum(p.status in (S.TRANSFERRED, S.RELEASED) for p in ended),
            "Sesi terlaksana": len(held),
            "Sesi dibatalkan": sum(m.status == Session.Status.CANCELLED for m in in_month),
        },
        "rate": None
        if not recorded
        else (Decimal(attended) * 100 / recorded).quantize(Decimal("0.1"), ROUND_HALF_UP),
        "Kehadiran": {str(labels[s]): statuses[s] for s in Attendance.Status.values},
        "PP25 Jenis kelamin": {
            str(label): sum(p.sex == code for p in mine) for code, label in Participant.Sex.choices
        },
        "PP25 Umur": {
            **{
                str(label): sum(
                    p.birth_date is not None and in_band(age_on(p.birth_date, END), low, high)
                    for p in mine
                )
                for label, low, high in AGE_BANDS
            },
            UNKNOWN: sum(p.birth_date is None for p in mine),
        },
        "PP25 Zat": coded([p.substance for p in mine], Substance.choices),
        "PP25 Lama pakai": {
            **{
                str(label): sum(p.months is not None and in_band(p.months, low, high) for p in mine)
                for label, low, high in DURATION_BANDS
            },
            UNKNOWN: sum(p.months is None for p in mine),
        },
        "PP25 Cara pakai": coded([p.route for p in mine], Route.choices),
        "PP25 Diagnosis": coded([p.diagnosis for p in mine], Diagnosis.choices),
        "PP25 Riwayat terapi": coded(
            [p.history for p in mine], TreatmentHistory.choices, all_codes=True
        ),
    }


# --- building the rows -----------------------------------------------------------------------


def build(facility, persons: list[Person], sessions: list[Meeting]) -> None:
    cohort = CohortFactory(programme=ProgrammeFactory(facility=facility))
    recorder = UserFactory(facility=facility)
    participants = []
    for p in persons:
        participant = ParticipantFactory(
            facility=facility,
            sex=p.sex,
            birth_date=p.birth_date,
            primary_substance=p.substance,
            use_route=p.route,
            diagnosis=p.diagnosis,
            treatment_history=p.history,
            use_duration_months=p.months,
        )
        participants.append(participant)
        EnrollmentFactory(
            participant=participant,
            cohort=cohort,
            status=p.status,
            enrolled_on=day(-45),
            activated_on=p.activated,
            ended_on=p.ended,
            status_changed_on=p.changed or p.ended or p.activated or day(-45),
            consent=False,
        )
        if p.consent_given:
            ConsentFactory(
                participant=participant,
                given_on=p.consent_given,
                withdrawn_on=p.consent_withdrawn,
                recorded_by=recorder,
            )
    for m in sessions:
        held = session(
            cohort,
            wita(m.day.year, m.day.month, m.day.day, m.hour, 30),
            status=m.status,
            cancel_reason="Rutan siaga" if m.status == Session.Status.CANCELLED else "",
        )
        for participant, status in zip(participants, m.attendance, strict=True):
            if status:
                AttendanceFactory(
                    session=held,
                    participant=participant,
                    status=status,
                    reason="Alasan" if status in Attendance.REASON_REQUIRED else "",
                    recorded_by=recorder,
                )


# --- the property ------------------------------------------------------------------------------


def rows_of(cells: list[list]) -> dict:
    """{label: first number} of a table's body rows (the total row left out)."""
    return {row[0]: row[1] for row in cells if len(row) > 1 and row[0] != "Jumlah"}


@pytest.mark.django_db
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(month=months())
def test_its_page_pdf_and_workbook_equal_a_plain_recount_from_the_rows(
    client, kepala, facility, month
):
    persons, sessions = month
    expected = recount(persons, sessions)
    args = [facility.code, START.year, START.month]
    client.force_login(kepala)
    with transaction.atomic():
        build(facility, persons, sessions)
        page = client.get(reverse("rehab:report_monthly", args=args))
        pdf = client.get(reverse("rehab:report_monthly_pdf", args=args))
        xlsx = client.get(reverse("rehab:report_monthly_xlsx", args=args))
        transaction.set_rollback(True)
    assert page.status_code == pdf.status_code == xlsx.status_code == 200

    reader = TableReader()
    reader.feed(page.content.decode())
    workbook = load_workbook(BytesIO(xlsx.content))
    text = " ".join(pdf_text(pdf.content).split())
    for key, figures in expected.items():
        if key == "rate":
            continue
        on_page = rows_of(reader.tables[f"report-table-{slugify(key)}"])
        sheet = workbook[key]
        in_sheet = rows_of(
            [
                [sheet.cell(row=r, column=c).value for c in (1, 2)]
                for r in range(HEADER_ROW + 1, sheet.max_row + 1)
            ]
        )
        if key == "Ringkasan":  # only the rows recounted here
            on_page = {k: on_page[k] for k in figures}
            in_sheet = {k: in_sheet[k] for k in figures}
        assert on_page == {k: str(v) for k, v in figures.items()}, key
        assert in_sheet == figures, key
        for label, count in figures.items():
            assert f"{label} {count}" in text, (key, label)
    summary = workbook["Ringkasan"]
    rate = rows_of([[c.value for c in r[:2]] for r in summary.iter_rows(min_row=HEADER_ROW + 1)])
    # An empty month has no rate: the page shows a dash, the sheet an empty cell (SUM works).
    assert rate["Tingkat kehadiran (%)"] == (
        None if expected["rate"] is None else float(expected["rate"])
    )
