"""The demo lives today: Angkatan II has sessions held, one today and more ahead, whatever the date."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from participants.models import Participant
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import Module
from rehab.models import ReviewStatus
from rutan.models import User
from sessions.models import Attendance
from sessions.models import Session
from sessions.selectors import facility_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, verbosity=0)
    return Cohort.objects.select_related("programme__facility").get(name="Angkatan II 2026")


def test_angkatan_ii_runs_around_the_day_the_demo_is_loaded(demo):
    today = facility_today(demo.programme.facility)
    sessions = list(demo.sessions.select_related("cohort__programme__facility"))
    days = [s.local_date for s in sessions]
    assert len(sessions) == 15
    assert days.count(today) == 1
    held = [s for s in sessions if s.local_date < today]
    ahead = [s for s in sessions if s.local_date > today]
    assert len(held) == 9 and len(ahead) == 5
    assert all(s.attendance_recorded and s.status == Session.Status.HELD for s in held)
    todays = next(s for s in sessions if s.local_date == today)
    assert not todays.attendance_recorded  # the petugas' work today
    assert all(s.notes_written for s in held)
    assert not todays.notes_written  # the facilitator's work today
    assert demo.start_date < today < demo.end_date
    assert demo.enrollments.filter(status="active").count() == 13


def test_every_role_has_work_today(demo, client):
    today = facility_today(demo.programme.facility)
    todays = next(s for s in demo.sessions.all() if s.local_date == today)
    client.force_login(User.objects.get(username="petugas"))
    page = client.get(reverse("home")).content.decode()
    today_list = page[
        page.index('data-testid="home-today"') : page.index('data-testid="home-week"')
    ]
    assert reverse("sessions:attendance", args=[todays.pk]) in today_list
    assert "Kehadiran belum dicatat" in today_list

    client.force_login(User.objects.get(username="fasilitator"))
    home = client.get(reverse("home")).content.decode()
    upcoming = home[home.index('data-testid="home-upcoming"') :]
    assert reverse("sessions:detail", args=[todays.pk]) in upcoming

    waiting = Evaluation.objects.filter(
        enrollment__cohort=demo, status=ReviewStatus.SUBMITTED
    ).count()
    drafts = Evaluation.objects.filter(enrollment__cohort=demo, status=ReviewStatus.DRAFT).count()
    assert waiting == 5 and drafts == 3
    # Last month's evaluations are approved, so each waiting one has a previous one to compare.
    assert (
        Evaluation.objects.filter(enrollment__cohort=demo, status=ReviewStatus.APPROVED).count()
        == 13
    )

    screened_waiting = Participant.objects.filter(
        facility__code="rutan-balikpapan", screenings__isnull=False, enrollments__isnull=True
    ).distinct()
    assert screened_waiting.count() >= 3
    assert screened_waiting.filter(consents__isnull=False).count() >= 2


def test_loading_again_changes_nothing(demo):
    counts = (
        Session.objects.count(),
        Attendance.objects.count(),
        Evaluation.objects.count(),
        Participant.objects.count(),
    )
    dates = list(demo.sessions.values_list("starts_at", flat=True))
    call_command("seed_demo", force=True, verbosity=0)
    assert (
        Session.objects.count(),
        Attendance.objects.count(),
        Evaluation.objects.count(),
        Participant.objects.count(),
    ) == counts
    assert list(demo.sessions.values_list("starts_at", flat=True)) == dates


def test_the_fifteen_modules_carry_indonesian_content(demo):
    modules = Module.objects.filter(code__startswith="RHB-")
    assert modules.count() == 15
    assert not modules.filter(summary="").exists()
    assert not modules.filter(objectives="").exists()
    assert not modules.filter(methods="").exists()
    rhb09 = modules.get(code="RHB-09")
    assert "lingkungan negatif" in rhb09.summary and "relapse" in rhb09.summary
    assert "refleksi diri" in rhb09.methods
    assert dt.timedelta(minutes=rhb09.duration_minutes) == dt.timedelta(hours=2)
