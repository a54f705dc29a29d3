"""Demo scenario: November 2025 evaluations of the Balikpapan cohort, the programme evaluation
awaiting the kepala, and a few integration proposals for the Sidang TPP of 5 December 2025.

Works with whatever enrolments earlier demo modules made (none included).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from participants.models import Enrollment, IntegrationProgramme
from rehab.models import Agreement, Evaluation, ProgrammeEvaluation, RelapseRisk, ReviewStatus
from rutan.demo import DemoContext

NOVEMBER = dt.date(2025, 11, 1)
WITA = ZoneInfo("Asia/Makassar")
SUBMITTED_AT = dt.datetime(2025, 11, 29, 15, 0, tzinfo=WITA)
REVIEWED_AT = dt.datetime(2025, 12, 2, 9, 30, tzinfo=WITA)
RISKS = RelapseRisk.values

NOTES = [
    "Aktif dalam diskusi kelompok dan mulai terbuka menceritakan pemicu pemakaiannya.",
    "Masih sering menyendiri; perlu pendampingan lebih dekat pada sesi refleksi diri.",
    "Mampu menjelaskan kembali 10 hal berbahaya dalam proses recovery dengan contoh sendiri.",
    "Hubungan dengan keluarga membaik setelah kunjungan; istri bersedia mendampingi.",
]


def _scores(i: int) -> dict:
    """Plausible, varied scores that are the same on every run."""
    pre = 35 + (i * 7) % 30
    return {
        "knowledge_pre": pre,
        "knowledge_post": min(100, pre + 12 + (i * 5) % 25),
        "motivation": 2 + i % 4,
        "emotional_control": 2 + (i * 3) % 4,
        "social_support": 1 + (i * 2) % 5,
        "unit_behaviour": 3 + i % 3,
        "relapse_risks": [] if i % 4 == 3 else sorted({RISKS[i % 10], RISKS[(i * 3 + 1) % 10]}),
    }


def _recommendation(i: int) -> str:
    if i % 7 == 0:
        return Evaluation.Recommendation.INTEGRATION
    if i % 11 == 5:
        return Evaluation.Recommendation.REFER
    return Evaluation.Recommendation.CONTINUE


def seed(ctx: DemoContext) -> None:
    facilitator, kepala = ctx.users["fasilitator"], ctx.users["kepala"]
    cohort = ctx.extra.get("cohort")
    enrollments = (
        list(
            cohort.enrollments.exclude(status=Enrollment.Status.SCREENED)
            .select_related("participant")
            .order_by("participant__registration_number", "id")
        )
        if cohort
        else []
    )
    # Two thirds already approved by the kepala; the rest wait for him (the demo's to-do).
    approved_count = len(enrollments) * 2 // 3
    for i, enrollment in enumerate(enrollments):
        approved = i < approved_count
        Evaluation.objects.update_or_create(
            enrollment=enrollment,
            kind=Evaluation.Kind.MONTHLY,
            period=NOVEMBER,
            defaults={
                **_scores(i),
                "recommendation": _recommendation(i),
                "recommendation_note": (
                    "Disiplin dan partisipasi baik; layak diusulkan pembebasan bersyarat."
                    if _recommendation(i) == Evaluation.Recommendation.INTEGRATION
                    else ""
                ),
                "notes": NOTES[i % len(NOTES)],
                "author": facilitator,
                "status": ReviewStatus.APPROVED if approved else ReviewStatus.SUBMITTED,
                "submitted_at": SUBMITTED_AT,
                "reviewed_at": REVIEWED_AT if approved else None,
                "reviewed_by": kepala if approved else None,
                "review_comment": "",
            },
        )

    balikpapan = ctx.facilities["rutan-balikpapan"]
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
                    "Lima belas sesi terlaksana sesuai jadwal, termasuk sesi "
                    '"10 Hal Berbahaya dalam Proses Recovery" pada 19 November 2025 dengan '
                    "metode diskusi kelompok, refleksi diri dan contoh kasus nyata."
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

    proposals = IntegrationProgramme.objects.filter(participant__facility=balikpapan)
    if not proposals.exists():
        proposed = [
            e
            for i, e in enumerate(enrollments)
            if _recommendation(i) == Evaluation.Recommendation.INTEGRATION
        ]
        for n, enrollment in enumerate(proposed):
            IntegrationProgramme.objects.get_or_create(
                participant=enrollment.participant,
                kind=IntegrationProgramme.Kind.CB if n == 1 else IntegrationProgramme.Kind.PB,
                proposed_on=dt.date(2025, 11, 28),
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
