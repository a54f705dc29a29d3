"""Demo scenario, participants part: about forty fictional warga binaan at Balikpapan in the
states a real cohort ends up in, and a few at Samarinda. Every name and NIK is made up.

Angkatan I 2025 ran 5 Nov – 5 Dec 2025: thirty participants were screened, gave consent,
enrolled on 3 November and started on the 5th. The cohort is closed, so every enrolment is
final: most completed on 5 December; some dropped out, were transferred or released. Three
detainees were sentenced during the programme (A.III → B.I), and the review board of
5 December heard PB and CB proposals guaranteed by Yayasan SEKATA.
"""

import datetime as dt
import random

from participants.models import Consent
from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RegisterType
from participants.models import Screening
from participants.services import participant_change_register
from participants.services import screening_record
from rutan.demo import DemoContext

FIRST_NAMES = [
    "Andi", "Bayu", "Rizky", "Fajar", "Hendra", "Irwan", "Joko", "Yusuf", "Dedi", "Eko",
    "Ferry", "Gilang", "Hasan", "Ilham", "Kevin", "Lukman", "Mulyadi", "Nanda", "Oki", "Putra",
    "Rudi", "Sandi", "Taufik", "Udin", "Wahyu", "Yoga", "Zainal", "Arif", "Bambang", "Candra",
    "Darmawan", "Erwin", "Fikri", "Guntur", "Hamdan", "Imam", "Jefri",
]  # fmt: skip
LAST_NAMES = [
    "Saputra", "Pratama", "Setiawan", "Kurniawan", "Nugroho", "Ramadhan", "Wijaya", "Gunawan",
    "Firmansyah", "Syahputra", "Maulana", "Permana", "Susanto", "Hakim", "Prasetyo", "Siregar",
    "Lubis", "Pane", "Tanjung", "Rangkuti",
]  # fmt: skip
WOMEN = ["Siti Marlina", "Yuli Astuti", "Nur Aini Safitri"]
SUBSTANCE_MIX = ["amphetamines"] * 7 + ["cannabis"] * 2 + ["sedatives", "opioids"]
CASE_ARTICLES = [
    "Pasal 112 ayat (1) UU No. 35 Tahun 2009 tentang Narkotika",
    "Pasal 114 ayat (1) UU No. 35 Tahun 2009 tentang Narkotika",
    "Pasal 127 ayat (1) huruf a UU No. 35 Tahun 2009 tentang Narkotika",
    "Pasal 111 ayat (1) UU No. 35 Tahun 2009 tentang Narkotika",
]
BLOCKS = ["Blok A", "Blok B", "Blok C", "Blok D"]

ENROLLED_ON = dt.date(2025, 11, 3)
STARTED_ON = dt.date(2025, 11, 5)
CLOSED_ON = dt.date(2025, 12, 5)
SCREENED_ON = dt.date(2025, 11, 1)
EXIT_SCREENED_ON = dt.date(2025, 12, 4)
TPP_DATE = dt.date(2025, 12, 5)
# After the November evaluations (submitted 29 Nov) recommended integration for these convicts.
PROPOSED_ON = dt.date(2025, 12, 1)
COMPLETED_REASON = "Mengikuti program sampai penutupan Angkatan I 2025."

# Fates in Angkatan I 2025, by participant number (0-based); numbers 30+ are not enrolled.
DROPPED_OUT = {
    7: (dt.date(2025, 11, 21), "Mengundurkan diri setelah konflik dengan sesama penghuni blok."),
    18: (
        dt.date(2025, 11, 26),
        "Mengundurkan diri: merasa belum siap; bersedia didaftarkan pada angkatan berikutnya.",
    ),
}
TRANSFERRED = {
    11: (
        dt.date(2025, 11, 18),
        "Dipindahkan ke Lapas Kelas IIA Balikpapan setelah putusan inkracht.",
    ),
    23: (
        dt.date(2025, 11, 28),
        "Dipindahkan ke Rutan Kelas IIB Tanah Grogot atas permintaan penuntut umum.",
    ),
}
RELEASED = {
    26: (dt.date(2025, 11, 25), "Bebas demi hukum: masa penahanan berakhir."),
}
SCREENED_ONLY = {30, 31, 32, 33}
EXIT_SCREENED = {0, 1, 3, 4, 5, 6}
# Detainees sentenced during the programme: (number, date, new register, reason)
SENTENCED = [
    (4, dt.date(2025, 11, 20), RegisterType.B_I, "Putusan PN Balikpapan, pidana 4 tahun."),
    (13, dt.date(2025, 11, 27), RegisterType.B_I, "Putusan PN Balikpapan, pidana 2 tahun 6 bulan."),
    (20, dt.date(2025, 12, 1), RegisterType.B_IIA, "Putusan PN Balikpapan, pidana 10 bulan."),
]  # fmt: skip
# B registers from admission (numbers), and the integration proposals heard on 5 Dec 2025.
CONVICTS = {
    1: RegisterType.B_I,
    3: RegisterType.B_I,
    5: RegisterType.B_I,
    6: RegisterType.B_IIA,
    8: RegisterType.B_I,
    34: RegisterType.B_IIB,
}
INTEGRATION = [
    # Convicts only (detainees cannot get PB/CB); their evaluations recommend integration.
    (1, IntegrationProgramme.Kind.PB, IntegrationProgramme.Status.APPROVED),
    (3, IntegrationProgramme.Kind.PB, IntegrationProgramme.Status.APPROVED),
    (5, IntegrationProgramme.Kind.PB, IntegrationProgramme.Status.IN_REVIEW),
    (6, IntegrationProgramme.Kind.CB, IntegrationProgramme.Status.APPROVED),
    (8, IntegrationProgramme.Kind.CB, IntegrationProgramme.Status.PROPOSED),
]
BALIKPAPAN_COUNT = 40
SAMARINDA_COUNT = 5


def seed(ctx: DemoContext) -> None:
    balikpapan = ctx.facilities["rutan-balikpapan"]
    petugas = ctx.users["petugas"]
    people = [_person(n) for n in range(BALIKPAPAN_COUNT)]
    for n, person in enumerate(people):
        if n >= 30 and n not in SCREENED_ONLY:
            person["diagnosis"] = ""  # not assessed yet
    participants = [_upsert(balikpapan, person) for person in people]
    _balikpapan_cohort_seed(ctx.extra["cohort"], participants, people, petugas)
    _sentences_seed(participants, petugas)
    _integration_seed(participants, ctx.partners["sekata"])
    others = _samarinda_seed(ctx)
    ctx.extra.update(participants=participants, participants_b=others)


def _balikpapan_cohort_seed(cohort, participants: list, people: list[dict], petugas) -> None:
    """The first thirty screened, consenting and enrolled; a few more screened only."""
    for n, participant in enumerate(participants):
        person = people[n]
        if n < 30 or n in SCREENED_ONLY:
            _screen(participant, Screening.Kind.ENTRY, SCREENED_ON, petugas, person)
        if n >= 30:
            continue
        enrollment, created = _consented_enrolment(
            participant, cohort, petugas, consented_on=ENROLLED_ON, screened_on=SCREENED_ON
        )
        if created:
            _live_through(enrollment, n)
        else:
            _close(enrollment)
        if n in EXIT_SCREENED:
            _screen(participant, Screening.Kind.EXIT, EXIT_SCREENED_ON, petugas, person, 1)


def _consent(participant, on: dt.date, petugas) -> None:
    """The demo's informed consent, witnessed by the unit's staff (once)."""
    Consent.objects.get_or_create(
        participant=participant,
        given_on=on,
        defaults={"recorded_by": petugas, "witness": "Staf Pembinaan Rutan"},
    )


def _consented_enrolment(participant, cohort, petugas, *, consented_on, screened_on):
    """Consent, then the enrolment in `cohort` (once): (enrolment, whether it is new)."""
    _consent(participant, consented_on, petugas)
    return Enrollment.objects.get_or_create(
        participant=participant, cohort=cohort, defaults={"status_changed_on": screened_on}
    )


def _sentences_seed(participants: list, petugas) -> None:
    """Detainees sentenced during the programme get their new register (once)."""
    for n, day, to_type, reason in SENTENCED:
        participant = participants[n]
        if not participant.register_changes.exists():
            participant_change_register(
                participant=participant,
                to_type=to_type,
                to_number=f"{to_type.replace('.', '')}.{participant.registration_number.split('.', 1)[1]}",
                changed_on=day,
                reason=reason,
                recorded_by=petugas,
            )


def _integration_seed(participants: list, sekata) -> None:
    """The integration programmes proposed for convicts, guaranteed by SEKATA."""
    for n, kind, status in INTEGRATION:
        decided = status == IntegrationProgramme.Status.APPROVED
        IntegrationProgramme.objects.update_or_create(
            participant=participants[n],
            kind=kind,
            defaults={
                "guarantor": sekata,
                "proposed_on": PROPOSED_ON,
                "tpp_date": TPP_DATE if status != IntegrationProgramme.Status.PROPOSED else None,
                "status": status,
                "decision": "Disetujui Sidang TPP; diteruskan ke Kanwil." if decided else "",
                "guarantor_statement": "Yayasan SEKATA bersedia menjadi penjamin dan "
                "mendampingi pemulihan setelah bebas.",
            },
        )


def _samarinda_seed(ctx: DemoContext) -> list:
    """Samarinda's second cohort: screened, consenting, enrolled; the first four active."""
    samarinda = ctx.facilities["rutan-samarinda"]
    cohort_b = ctx.extra["cohort_b"]
    petugas_b = ctx.users["petugas_samarinda"]
    others = []
    for n in range(SAMARINDA_COUNT):
        person = _person(100 + n, prefix="64729", year=2026)
        person.update(cell_block="Blok Mawar", admission_date=dt.date(2026, 8, 1 + n))
        person["expected_release_date"] = dt.date(2027, 6, 1)
        participant = _upsert(samarinda, person)
        others.append(participant)
        _screen(participant, Screening.Kind.ENTRY, dt.date(2026, 10, 28), petugas_b, person)
        Consent.objects.get_or_create(
            participant=participant,
            given_on=dt.date(2026, 10, 30),
            defaults={"recorded_by": petugas_b},
        )
        enrollment, created = Enrollment.objects.get_or_create(
            participant=participant,
            cohort=cohort_b,
            defaults={"status_changed_on": dt.date(2026, 10, 28)},
        )
        if created:
            enrollment.enroll(on=dt.date(2026, 10, 30))
            if n < 4:
                enrollment.activate(on=dt.date(2026, 11, 2))
    return others


# PP 25/2011 recap, coded (participants/vocabularies.py): the ICD-10 diagnosis of the
# primary substance (none for a low-risk screening), and a varied history of earlier treatment
# with its detail.
DIAGNOSES = {"amphetamines": "F15", "cannabis": "F12", "sedatives": "F13", "opioids": "F11"}
TREATMENT_HISTORIES = [
    ("never", ""),
    ("never", ""),
    ("never", ""),
    ("outpatient", "Rawat jalan di klinik BNN Kota Balikpapan, 2023 (tidak tuntas)"),
    (
        "inpatient",
        "Rehabilitasi rawat inap 3 bulan, 2021; kambuh setelah kembali ke lingkungan lama",
    ),
    ("outpatient", "Konseling adiksi di puskesmas (IPWL), 2022"),
    ("outpatient", "Rawat jalan BNN 2023"),
    ("other", "Rehabilitasi sosial berbasis masyarakat, 2020"),
]
OPIOID_TREATMENT = (
    "outpatient",
    "Program terapi rumatan metadon 2019–2020, berhenti; detoksifikasi 2022",
)


def _person(n: int, prefix: str = "64719", year: int = 2025) -> dict:
    """A fictional person: name, register, dates, substance profile (the same on every run)."""
    rng = random.Random(f"{prefix}/{n}")  # noqa: S311 — reproducible fiction, not security
    woman = n % 13 == 12 and n < 40
    name = (
        WOMEN[(n // 13) % len(WOMEN)]
        if woman
        else (
            f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[(n * 7 + n // len(FIRST_NAMES) * 3) % len(LAST_NAMES)]}"
        )
    )
    birth = dt.date(1975, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 27))
    register = CONVICTS.get(n) or (RegisterType.A_III if n % 3 else RegisterType.A_II)
    prefix_number = register.replace(".", "")
    admission = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(0, 280))
    # A few expected releases fall before the cohort ends: the warning a petugas must see.
    release_days = rng.randrange(20, 60) if n in (10, 24) else rng.randrange(240, 900)
    release = max(dt.date(2025, 11, 5), admission) + dt.timedelta(days=release_days)
    day = birth.day + (40 if woman else 0)
    substance = SUBSTANCE_MIX[n % len(SUBSTANCE_MIX)]
    profile = ("high", "moderate", "moderate", "low")[n % 4]
    treatment = (
        OPIOID_TREATMENT
        if substance == "opioids"
        # A separate generator, so the other fields stay what earlier runs made them.
        else random.Random(f"tx/{prefix}/{n}").choice(TREATMENT_HISTORIES)  # noqa: S311
    )
    return {
        "name": name,
        "register_type": register,
        "registration_number": f"{prefix_number}.{n + 101:03d}/{year}",
        "nik": f"{prefix}{n % 10}{day:02d}{birth:%m%y}{n + 1:04d}"[:16],
        "birth_place": rng.choice(
            ["Balikpapan", "Samarinda", "Penajam", "Makassar", "Banjarmasin"]
        ),
        "birth_date": birth,
        "sex": Participant.Sex.FEMALE if woman else Participant.Sex.MALE,
        "religion": rng.choice(["islam"] * 8 + ["protestan", "katolik"]),
        "education": rng.choice(["sd", "smp", "smp", "sma", "sma", "sma", "diploma"]),
        "case_article": CASE_ARTICLES[n % len(CASE_ARTICLES)],
        "admission_date": admission,
        "expected_release_date": release,
        "cell_block": BLOCKS[n % len(BLOCKS)] if not woman else "Blok Wanita",
        "primary_substance": substance,
        "use_duration_months": rng.randrange(1, 12) * 12,
        "use_route": "smoked" if substance != "opioids" else "injected",
        "substance_history": "Mulai memakai di lingkungan kerja; pernah berhenti beberapa bulan.",
        "diagnosis": DIAGNOSES[substance] if profile != "low" else "none",
        "treatment_history": treatment[0],
        "treatment_history_detail": treatment[1],
        "_substance": substance,
        "_profile": profile,
    }


def _upsert(facility, person: dict) -> Participant:
    """Create the person, or refresh them without undoing a recorded register change."""
    values = {k: v for k, v in person.items() if not k.startswith("_")}
    participant = Participant.objects.filter(facility=facility, nik=values["nik"]).first()
    if participant is None:
        return Participant.objects.create(facility=facility, **values)
    keep = (
        {"register_type", "registration_number"} if participant.register_changes.exists() else set()
    )
    for name, value in values.items():
        if name not in keep:
            setattr(participant, name, value)
    participant.save()
    return participant


PROFILES = {
    "high": {2: "daily", 3: "daily", 4: "weekly", 5: "weekly", 6: "yes_past_3m", 7: "yes_past_3m"},
    "moderate": {2: "weekly", 3: "monthly", 4: "once_twice", 5: "never", 6: "yes_earlier", 7: "no"},
    "low": {2: "never", 3: "never", 4: "never", 5: "never", 6: "yes_earlier", 7: "no"},
}
TOBACCO = {
    "high": {2: "daily", 3: "weekly", 4: "never", 6: "no", 7: "yes_past_3m"},
    "moderate": {2: "daily", 3: "monthly", 4: "never", 6: "no", 7: "no"},
    "low": {2: "never", 6: "no", 7: "yes_earlier"},
}
LOWER = {"high": "moderate", "moderate": "low", "low": "low"}


def _screen(participant, kind, day, screener, person, step_down: int = 0) -> None:
    if Screening.objects.filter(participant=participant, kind=kind, screened_on=day).exists():
        return
    profile = person["_profile"]
    for _ in range(step_down):
        profile = LOWER[profile]
    answers = {
        person["_substance"]: {"ever_used": True, "responses": PROFILES[profile]},
        "tobacco": {"ever_used": True, "responses": TOBACCO[profile]},
    }
    if random.Random(participant.nik).random() < 0.4:  # noqa: S311
        answers["alcohol"] = {
            "ever_used": True,
            "responses": {2: "monthly", 3: "once_twice", 6: "no", 7: "no"},
        }
    screening_record(
        participant=participant,
        kind=kind,
        screened_on=day,
        screener=screener,
        answers=answers,
        injected="yes_earlier" if person["_substance"] == "opioids" else "no",
    )


def _live_through(enrollment: Enrollment, n: int) -> None:
    """Walk a new enrolment through the lifecycle the participant lived."""
    enrollment.enroll(on=ENROLLED_ON, reason="Lolos skrining dan bersedia mengikuti program.")
    enrollment.activate(on=STARTED_ON)
    for fates, method in (
        (DROPPED_OUT, "drop_out"),
        (TRANSFERRED, "transfer"),
        (RELEASED, "release"),
    ):
        if n in fates:
            day, reason = fates[n]
            getattr(enrollment, method)(on=day, reason=reason)
            return
    enrollment.complete(on=CLOSED_ON, reason=COMPLETED_REASON)


def _close(enrollment: Enrollment) -> None:
    """Bring a demo loaded by an earlier version in line: the cohort closed on 5 Dec 2025."""
    if enrollment.status == Enrollment.Status.ACTIVE:
        enrollment.complete(on=CLOSED_ON, reason=COMPLETED_REASON)
    elif enrollment.end_reason == "Mengikuti 15 sesi sampai penutupan program.":
        Enrollment.objects.filter(pk=enrollment.pk).update(
            end_reason=COMPLETED_REASON, status_reason=COMPLETED_REASON
        )
