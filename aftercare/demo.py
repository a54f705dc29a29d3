"""Demo scenario, beyond the programme: Bapas Balikpapan and its user, the participant of
Angkatan I 2025 released on 25 November handed over to it with two follow-up contacts, and
hearing days (sidang) for detainees of a running cohort, on the day of its next session, and
a participant of Balikpapan's running cohort due for transfer in three weeks."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import Group

from aftercare.models import FollowUp
from aftercare.models import Handover
from aftercare.models import PlannedTransfer
from aftercare.packet import build_record
from participants.models import CourtHearing
from participants.models import Enrollment
from rehab.models import Cohort
from rutan.dates import facility_date
from rutan.dates import facility_today
from rutan.dates import facility_zone
from rutan.demo import DemoContext
from rutan.models import BapasOffice
from rutan.models import User
from rutan.roles import Role
from sessions.models import Session

OFFICE = {
    "name": "Bapas Kelas II Balikpapan",
    "city": "Balikpapan",
    "address": "Balikpapan, Kalimantan Timur",
    "head_name": "Kepala Bapas Balikpapan (fiktif)",
}
RECOMMENDATIONS = (
    "Lanjutkan konseling adiksi rawat jalan bersama Yayasan SEKATA; libatkan keluarga; "
    "hindari lingkungan pergaulan lama."
)
# (months, contacted on, reached, substance use, activity, notes)
CONTACTS = [
    (1, dt.date(2025, 12, 27), True, "none", "work", "Bekerja sebagai buruh bangunan."),
    (3, dt.date(2026, 2, 26), True, "none", "work", "Rutin ikut kelompok dukungan SEKATA."),
]
COURTS = ["Pengadilan Negeri Balikpapan", "Pengadilan Negeri Samarinda"]


def seed(ctx: DemoContext) -> None:
    balikpapan = ctx.facilities["rutan-balikpapan"]
    office, _created = BapasOffice.objects.update_or_create(
        name=OFFICE["name"], defaults={k: v for k, v in OFFICE.items() if k != "name"}
    )
    office.facilities.add(balikpapan)
    user, _created = User.objects.update_or_create(
        username="bapas",
        defaults={
            "first_name": "Hadi",
            "last_name": "Kusuma",
            "position": "Pembimbing Kemasyarakatan",
            "bapas_office": office,
            "facility": None,
            "email": "bapas@pulih.invalid",
        },
    )
    user.set_password(settings.DEMO_PASSWORD)
    user.save(update_fields=["password"])
    user.groups.set([Group.objects.get_or_create(name=Role.BAPAS)[0]])
    ctx.users["bapas"] = user
    _handover(ctx, office)
    _court_days(ctx)
    _planned_transfer(ctx, balikpapan)


def _handover(ctx: DemoContext, office: BapasOffice) -> None:
    released = (
        Enrollment.objects.filter(cohort=ctx.extra["cohort"], status=Enrollment.Status.RELEASED)
        .select_related("participant")
        .order_by("ended_on", "id")
        .first()
    )
    if released is None:
        return
    participant, day = released.participant, released.ended_on
    handover = Handover.objects.filter(participant=participant, bapas_office=office).first()
    if handover is None:
        handover = Handover.objects.create(
            participant=participant,
            bapas_office=office,
            reason=Handover.Reason.RELEASE,
            handed_over_on=day,
            recommendations=RECOMMENDATIONS,
            record=build_record(
                participant, include_nik=False, recommendations=RECOMMENDATIONS, on=day
            ),
            handed_over_by=ctx.users["kepala"],
        )
    for months, contacted_on, reached, use, activity, notes in CONTACTS:
        FollowUp.objects.get_or_create(
            handover=handover,
            milestone=months,
            defaults={
                "contacted_on": contacted_on,
                "reached": reached,
                "substance_use": use,
                "activity": activity,
                "notes": notes,
                "recorded_by": ctx.users["bapas"],
            },
        )


def _court_days(ctx: DemoContext) -> None:
    """A detainee of each running cohort is due in court on the day of its next session."""
    for cohort in _running_cohorts():
        facility = cohort.programme.facility
        today = facility_today(facility)
        zone = facility_zone(facility)
        session = (
            Session.objects.filter(cohort=cohort, status=Session.Status.PLANNED)
            .filter(starts_at__gte=dt.datetime.combine(today, dt.time.min, tzinfo=zone))
            .order_by("starts_at")
            .first()
        )
        if session is None:
            continue
        detainees = [
            e.participant
            for e in Enrollment.objects.active_on(today)
            .filter(cohort=cohort, participant__register_type__startswith="A.")
            .select_related("participant")
            .order_by("participant__name")[:2]
        ]
        day = facility_date(session.starts_at, facility)
        for participant, offset in zip(detainees, (0, 1), strict=False):
            CourtHearing.objects.get_or_create(
                participant=participant,
                hearing_date=day + dt.timedelta(days=offset),
                defaults={
                    "court": COURTS[0] if facility.city == "Balikpapan" else COURTS[1],
                    "agenda": "Pemeriksaan saksi" if offset == 0 else "Pembacaan tuntutan",
                    "recorded_by": ctx.users["kepala"],
                },
            )


def _planned_transfer(ctx: DemoContext, facility) -> None:
    """Release planning lists a transfer too: one participant of a running cohort moves in 3
    weeks (the last by name: the first ones have the court days)."""
    today = facility_today(facility)
    enrollment = (
        Enrollment.objects.active_on(today)
        .filter(cohort__programme__facility=facility)
        .select_related("participant")
        .order_by("-participant__name")
        .first()
    )
    if enrollment is None or enrollment.participant.planned_transfers.exists():
        return
    PlannedTransfer.objects.create(
        participant=enrollment.participant,
        destination="Lapas Kelas IIA Balikpapan",
        expected_on=today + dt.timedelta(days=21),
        decision_number="W17.PAS-PK.01.02-1234 (fiktif)",
        recorded_by=ctx.users["kepala"],
    )


def _running_cohorts() -> list[Cohort]:
    """Cohorts of the demo still running today (Angkatan II when the programme demo has one)."""
    running = []
    for cohort in Cohort.objects.select_related("programme__facility"):
        today = facility_today(cohort.programme.facility)
        if cohort.start_date <= today <= cohort.end_date:
            running.append(cohort)
    return running
