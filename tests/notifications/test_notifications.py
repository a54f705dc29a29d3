"""Notifications: the inbox with its bell, reminders once per day, e-mail to a real SMTP server."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from rehab.services.evaluations import evaluation_approve
from rehab.services.evaluations import evaluation_return
from rutan.models import Notification
from rutan.models import NotificationPreference
from rutan.notifications import reminders_send
from rutan.roles import Role
from sessions.models import Attendance
from tests.factories import AgreementFactory
from tests.factories import AttendanceFactory
from tests.factories import CohortFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import ParticipantFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 20)


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


def test_an_expiring_agreement_reaches_the_inbox_and_the_mailbox_once(
    client, kepala, fasilitator, facility, partner, smtp_inbox
):
    with_email(kepala, "kepala@rutan.example")
    agreement = AgreementFactory(
        facility=facility, partner=partner, valid_until=TODAY + dt.timedelta(days=30)
    )
    AgreementFactory(facility=facility, partner=partner, valid_until=TODAY + dt.timedelta(days=31))

    done = reminders_send(today=TODAY)
    assert done["agreements_expiring"] == 2  # the kepala and the partner's facilitator
    assert reminders_send(today=TODAY)["agreements_expiring"] == 0  # idempotent

    [mail] = smtp_inbox.messages
    assert mail["to"] == ["kepala@rutan.example"]
    assert "PKS berakhir dalam 30 hari" in mail["message"]["Subject"]
    body = mail["message"].get_payload(decode=True).decode()
    assert reverse("rehab:agreement_detail", args=[agreement.pk]) in body

    client.force_login(kepala)
    assert reverse("notifications_count") in client.get(reverse("home")).content.decode()
    badge = client.get(reverse("notifications_count")).content.decode()
    assert re.search(r'data-testid="notification-count">1<', badge)
    inbox = client.get(reverse("notifications")).content.decode()
    assert "PKS berakhir dalam 30 hari" in inbox
    note = Notification.objects.get(user=kepala)
    client.post(reverse("notification_read", args=[note.pk]))
    badge = client.get(reverse("notifications_count")).content.decode()
    assert 'data-testid="notification-count"' not in badge


@pytest.mark.parametrize("days,expected", [(60, 1), (7, 1), (59, 0), (0, 0)])
def test_agreements_warn_at_60_30_and_7_days(kepala, facility, days, expected):
    AgreementFactory(facility=facility, valid_until=TODAY + dt.timedelta(days=days))
    assert reminders_send(today=TODAY)["agreements_expiring"] == expected


def absences(participant, cohort, statuses, start=dt.datetime(2025, 11, 3, 9)):
    for index, status in enumerate(statuses):
        session = SessionFactory(
            cohort=cohort, starts_at=timezone.make_aware(start + dt.timedelta(days=2 * index))
        )
        AttendanceFactory(session=session, participant=participant, status=status)


A, P = Attendance.Status.ABSENT, Attendance.Status.PRESENT


@pytest.mark.parametrize(
    "statuses,notified",
    [([P, A, A], True), ([A, P, A, P, A], True), ([A, P, A], False), ([A, A, P], False)],
)
def test_repeated_absence_tells_petugas_and_kepala(
    petugas, kepala, facility, partner, statuses, notified
):
    cohort = CohortFactory(programme__facility=facility, programme__partner=partner)
    participant = ParticipantFactory(facility=facility)
    absences(participant, cohort, statuses)
    reminders_send(today=TODAY)
    recipients = set(Notification.objects.values_list("user__username", flat=True))
    assert recipients == ({"petugas", "kepala"} if notified else set())
    if notified:
        title = Notification.objects.first().title
        assert participant.registration_number in title and participant.name not in title


def test_a_facilitator_is_reminded_of_evaluations_due(fasilitator, facility, partner):
    cohort = CohortFactory(programme__facility=facility, programme__partner=partner)
    EnrollmentFactory(cohort=cohort, participant__facility=facility)
    call_command("send_reminders", "--date", TODAY.isoformat())
    [note] = Notification.objects.filter(user=fasilitator)
    assert note.title == "1 evaluasi jatuh tempo"
    call_command("send_reminders", "--date", TODAY.isoformat())
    assert Notification.objects.filter(user=fasilitator).count() == 1


def test_the_author_hears_when_an_evaluation_is_returned_or_approved(
    kepala, fasilitator, facility, partner, smtp_inbox
):
    with_email(fasilitator, "fasilitator@sekata.example")
    NotificationPreference.objects.create(user=fasilitator, email_kinds=["evaluation_returned"])
    cohort = CohortFactory(programme__facility=facility, programme__partner=partner)
    enrollment = EnrollmentFactory(cohort=cohort, participant__facility=facility)
    evaluation = EvaluationFactory(enrollment=enrollment, author=fasilitator)
    evaluation_return(evaluation=evaluation, by=kepala, comment="Lengkapi catatan perilaku.")
    evaluation.submit()
    evaluation.save()
    evaluation_approve(evaluation=evaluation, by=kepala)
    titles = list(Notification.objects.filter(user=fasilitator).values_list("title", flat=True))
    assert any("dikembalikan" in title for title in titles)
    assert any("disetujui" in title for title in titles)
    # By e-mail only the kind this person asked for.
    assert len(smtp_inbox.messages) == 1
    assert (
        "Lengkapi catatan perilaku."
        in smtp_inbox.messages[0]["message"].get_payload(decode=True).decode()
    )


def test_a_line_break_in_a_stored_title_still_sends_one_line_of_subject(
    kepala, facility, smtp_inbox
):
    with_email(kepala, "kepala@rutan.example")
    AgreementFactory(
        facility=facility,
        title="PKS Rehabilitasi\r\nBcc: luar@evil.example",
        valid_until=TODAY + dt.timedelta(days=30),
    )
    reminders_send(today=TODAY)
    [mail] = smtp_inbox.messages
    assert mail["to"] == ["kepala@rutan.example"]
    subject = " ".join(mail["message"]["Subject"].split())  # unfolded, as a mail reader shows it
    assert subject.endswith("PKS Rehabilitasi Bcc: luar@evil.example")
    assert mail["message"]["Bcc"] is None
    assert Notification.objects.get(user=kepala).emailed_at is not None


def test_an_unreachable_mail_server_never_breaks_the_page(settings, kepala, facility):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    with_email(kepala, "kepala@rutan.example")
    AgreementFactory(facility=facility, valid_until=TODAY + dt.timedelta(days=7))
    reminders_send(today=TODAY)
    note = Notification.objects.get(user=kepala)
    assert note.emailed_at is None  # kept in the inbox; the worker retries the mail


def test_the_inbox_is_personal(client, kepala, petugas):
    note = Notification.objects.create(user=kepala, kind="import_finished", key="k", title="x")
    client.force_login(petugas)
    assert client.post(reverse("notification_read", args=[note.pk])).status_code == 404
    assert "x" not in [n.title for n in client.get(reverse("notifications")).context["items"]]


def test_password_reset_by_email(client, smtp_inbox, facility):
    user = UserFactory(
        username="lupa", facility=facility, role=Role.PETUGAS, email="lupa@rutan.example"
    )
    response = client.post(reverse("password_reset"), {"email": "lupa@rutan.example"})
    assert response.url == reverse("password_reset_done")
    [mail] = smtp_inbox.messages
    assert mail["message"]["Subject"] == "Atur ulang kata sandi Pulih"
    body = mail["message"].get_payload(decode=True).decode()
    assert "Tautan berlaku 24 jam" in body
    link = re.search(r"http://testserver(/akun/atur-ulang/\S+/)", body).group(1)
    form_page = client.get(link, follow=True)
    assert "Kata sandi baru" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "rehab-baru-2026!", "new_password2": "rehab-baru-2026!"},
    )
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("rehab-baru-2026!")
    # Nobody learns whether an address exists.
    client.post(reverse("password_reset"), {"email": "tidak-ada@example.org"})
    assert len(smtp_inbox.messages) == 1


def test_a_reader_who_chose_english_gets_the_reminder_and_its_mail_in_english(
    kepala, facility, partner, smtp_inbox
):
    with_email(kepala, "kepala@rutan.example")
    NotificationPreference.objects.create(
        user=kepala, language="en", email_kinds=["agreement_expiring"]
    )
    other_kepala = UserFactory(facility=facility, role=Role.KEPALA)
    agreement = AgreementFactory(
        facility=facility, partner=partner, valid_until=TODAY + dt.timedelta(days=7)
    )
    with translation.override("id"):  # the worker or request runs in Indonesian
        reminders_send(today=TODAY)

    english = Notification.objects.get(user=kepala)
    assert english.title == f"PKS expires in 7 days: {agreement.title}"
    indonesian = Notification.objects.get(user=other_kepala)
    assert indonesian.title == f"PKS berakhir dalam 7 hari: {agreement.title}"
    subject, body = smtp_inbox.only_message()
    assert subject == f"[Pulih] PKS expires in 7 days: {agreement.title}"
    assert "This message was sent by Pulih. Manage your notifications at" in body
