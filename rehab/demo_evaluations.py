"""Demo scenario: the November 2025 and end-of-programme evaluations of the Balikpapan cohort,
the programme evaluation awaiting the kepala, and the integration proposals they support.

Only convicts (B registers) are recommended for an integration programme: those proposed to the
Sidang TPP of 5 December 2025, whose latest (exit) evaluation, approved the day before, says so.
Works with whatever enrolments earlier demo modules made (none included).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from rehab.models import Agreement
from rehab.models import Evaluation
from rehab.models import ProgrammeEvaluation
from rehab.models import RelapseRisk
from rehab.models import ReviewStatus
from rutan.demo import DemoContext

NOVEMBER = dt.date(2025, 11, 1)
WITA = ZoneInfo("Asia/Makassar")
SUBMITTED_AT = dt.datetime(2025, 11, 29, 15, 0, tzinfo=WITA)
REVIEWED_AT = dt.datetime(2025, 12, 2, 9, 30, tzinfo=WITA)
# Exit evaluations, written and approved in time for the Sidang TPP of 5 December.
EXIT_SUBMITTED_AT = dt.datetime(2025, 12, 4, 10, 0, tzinfo=WITA)
EXIT_REVIEWED_AT = dt.datetime(2025, 12, 4, 16, 0, tzinfo=WITA)
PROPOSED_ON = dt.date(2025, 12, 1)
RISKS = RelapseRisk.values

NOTES = [
    "Aktif dalam diskusi kelompok dan mulai terbuka menceritakan pemicu pemakaiannya.",
    "Masih sering menyendiri; perlu pendampingan lebih dekat pada sesi refleksi diri.",
    "Mampu menjelaskan kembali 10 hal berbahaya dalam proses recovery dengan contoh sendiri.",
    "Hubungan dengan keluarga membaik setelah kunjungan; keluarga bersedia mendampingi.",
]
EXIT_NOTES = [
    "Menyusun rencana pemulihan pribadi dan mampu menyebut pemicu serta strateginya.",
    "Lebih terbuka dibanding awal program; masih perlu dukungan saat menghadapi craving.",
    "Konsisten hadir dan membantu teman kelompok selama program.",
    "Keluarga terlibat dalam rencana pemulihan setelah bebas.",
]
INTEGRATION_NOTE = (
    "Tertib di blok hunian dan menunjukkan komitmen pemulihan; layak diusulkan program "
    "integrasi dengan penjaminan Yayasan SEKATA."
)
REFER_NOTE = "Perlu rujukan konseling adiksi lanjutan di klinik rutan."


def _scores(i: int, *, exit_: bool = False) -> dict:
    """Plausible, varied scores that are the same on every run; a little better at exit."""
    pre = 35 + (i * 7) % 30
    up = 1 if exit_ else 0
    return {
        "knowledge_pre": pre,
        "knowledge_post": min(100, pre + 12 + (i * 5) % 25 + 5 * up),
        "motivation": min(5, 2 + i % 4 + up),
        "emotional_control": min(5, 2 + (i * 3) % 4 + up),
        "social_support": 1 + (i * 2) % 5,
        "unit_behaviour": min(5, 3 + i % 3 + up),
        "relapse_risks": [] if i % 4 == 3 else sorted({RISKS[i % 10], RISKS[(i * 3 + 1) % 10]}),
    }


def _recommendation(i: int, candidate: bool, *, exit_: bool) -> str:
    if candidate:
        return Evaluation.Recommendation.INTEGRATION
    if i % 11 == 5:
        return Evaluation.Recommendation.REFER
    return Evaluation.Recommendation.GRADUATE if exit_ else Evaluation.Recommendation.CONTINUE


def _note(recommendation: str) -> str:
    return {
        Evaluation.Recommendation.INTEGRATION: INTEGRATION_NOTE,
        Evaluation.Recommendation.REFER: REFER_NOTE,
    }.get(recommendation, "")


def _is_convict(enrollment: Enrollment) -> bool:
    return enrollment.participant.register_type.startswith("B")


def seed(ctx: DemoContext) -> None:
    facilitator, kepala = ctx.users["fasilitator"], ctx.users["kepala"]
    balikpapan = ctx.facilities["rutan-balikpapan"]
    evaluated = _evaluated_enrollments(ctx.extra.get("cohort"), facilitator)
    proposals = IntegrationProgramme.objects.filter(participant__facility=balikpapan)
    candidates = _candidates(proposals, evaluated)

    # Two thirds already approved by the kepala, among them everyone proposed to the Sidang
    # TPP; the rest wait for him (the demo's to-do).
    others = [e for e in evaluated if e.participant_id not in candidates]
    waiting = {e.pk for e in others[len(others) - len(evaluated) // 3 :]}
    for i, enrollment in enumerate(evaluated):
        candidate = enrollment.participant_id in candidates
        reviewer = kepala if enrollment.pk not in waiting else None
        _evaluation_seed(
            enrollment, i, candidate=candidate, exit_=False, author=facilitator, reviewer=reviewer
        )
        if enrollment.status == Enrollment.Status.COMPLETED:
            _evaluation_seed(
                enrollment,
                i,
                candidate=candidate,
                exit_=True,
                author=facilitator,
                reviewer=reviewer,
            )

    _programme_evaluation_seed(ctx, balikpapan, facilitator)
    if not proposals.exists():
        _proposals_seed(ctx, evaluated, candidates)


def _evaluated_enrollments(cohort, facilitator) -> list[Enrollment]:
    """The cohort's enrolments still there at the end of November; others lose that evaluation."""
    enrollments = (
        list(
            cohort.enrollments.exclude(status=Enrollment.Status.SCREENED)
            .select_related("participant")
            .order_by("participant__registration_number", "id")
        )
        if cohort
        else []
    )
    # Those who left before the end of November are not evaluated for it.
    left = [e for e in enrollments if e.ended_on and e.ended_on < SUBMITTED_AT.date()]
    Evaluation.objects.filter(
        enrollment__in=left, kind=Evaluation.Kind.MONTHLY, period=NOVEMBER, author=facilitator
    ).delete()
    return [e for e in enrollments if e not in left]


def _candidates(proposals, evaluated: list[Enrollment]) -> set[int]:
    """Participant ids recommended for integration: the convicts proposed, or the first two."""
    candidates = set(proposals.values_list("participant_id", flat=True))
    if not proposals.exists():
        # Without the participants' demo: propose the first two convicts in the cohort.
        candidates = {e.participant_id for e in evaluated if _is_convict(e)}
        candidates = set(sorted(candidates)[:2])
    return candidates & {e.participant_id for e in evaluated if _is_convict(e)}


def _evaluation_seed(
    enrollment: Enrollment, i: int, *, candidate: bool, exit_: bool, author, reviewer
) -> None:
    """The November (or, with `exit_`, the exit) evaluation; approved when there is a reviewer."""
    recommendation = _recommendation(i, candidate, exit_=exit_)
    notes = EXIT_NOTES if exit_ else NOTES
    approved = reviewer is not None
    Evaluation.objects.update_or_create(
        enrollment=enrollment,
        kind=Evaluation.Kind.EXIT if exit_ else Evaluation.Kind.MONTHLY,
        period=enrollment.ended_on.replace(day=1) if exit_ else NOVEMBER,
        defaults={
            **_scores(i, exit_=exit_),
            "recommendation": recommendation,
            "recommendation_note": _note(recommendation),
            "notes": notes[i % len(notes)],
            "author": author,
            "status": ReviewStatus.APPROVED if approved else ReviewStatus.SUBMITTED,
            "submitted_at": EXIT_SUBMITTED_AT if exit_ else SUBMITTED_AT,
            "reviewed_at": (EXIT_REVIEWED_AT if exit_ else REVIEWED_AT) if approved else None,
            "reviewed_by": reviewer,
            "review_comment": "",
        },
    )


def _programme_evaluation_seed(ctx: DemoContext, balikpapan, facilitator) -> None:
    """The SEKATA programme evaluation of the cohort, submitted and waiting for the kepala."""
    agreement = (
        Agreement.objects.filter(facility=balikpapan, partner=ctx.partners["sekata"])
        .order_by("-valid_from")
        .first()
    )
    if agreement is not None:
        ProgrammeEvaluation.objects.update_or_create(
            agreement=agreement,
            period_start=max(agreement.valid_from, dt.date(2025, 11, 5)),
            period_end=min(agreement.valid_until, dt.date(2025, 12, 5)),
            defaults={
                "achievements": (
                    # No counts here: the page shows the figures computed from the sessions.
                    "Seluruh sesi kurikulum terlaksana sesuai jadwal sampai penutupan program "
                    'pada 5 Desember 2025, termasuk sesi "10 Hal Berbahaya dalam Proses '
                    'Recovery" pada 19 November 2025 dengan metode diskusi kelompok, refleksi '
                    "diri dan contoh kasus nyata."
                ),
                "obstacles": (
                    "Beberapa peserta tidak hadir karena mengikuti sidang di pengadilan; "
                    "ruang aula dipakai bergantian dengan kegiatan pembinaan lain."
                ),
                "follow_ups": (
                    "Yayasan SEKATA mendampingi peserta yang diusulkan program integrasi dan "
                    "menyiapkan angkatan berikutnya bersama seksi pembinaan."
                ),
                "author": facilitator,
                "status": ReviewStatus.SUBMITTED,
                "submitted_at": dt.datetime(2025, 12, 5, 14, 0, tzinfo=WITA),
                "reviewed_at": None,
                "reviewed_by": None,
                "review_comment": "",
                "figures": None,
            },
        )


def _proposals_seed(ctx: DemoContext, evaluated: list[Enrollment], candidates: set[int]) -> None:
    """Propose the candidates to the Sidang TPP of 5 December, guaranteed by SEKATA."""
    proposed = [e for e in evaluated if e.participant_id in candidates]
    for n, enrollment in enumerate(proposed):
        IntegrationProgramme.objects.get_or_create(
            participant=enrollment.participant,
            kind=IntegrationProgramme.Kind.CB if n == 1 else IntegrationProgramme.Kind.PB,
            proposed_on=PROPOSED_ON,
            defaults={
                "guarantor": ctx.partners["sekata"],
                "tpp_date": dt.date(2025, 12, 5),
                "status": IntegrationProgramme.Status.IN_REVIEW,
                "guarantor_statement": (
                    "Yayasan SEKATA bersedia menjadi penjamin dan melanjutkan pendampingan "
                    "pemulihan yang bersangkutan selama menjalani program integrasi, "
                    "termasuk konseling berkala dan dukungan keluarga."
                ),
            },
        )
