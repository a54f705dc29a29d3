"""Due Bapas follow-ups reach the office's Bapas users once, in each reader's language."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from aftercare.models import FollowUp
from aftercare.services import follow_up_record
from rutan.models import Notification
from rutan.models import NotificationKind
from rutan.models import NotificationPreference
from rutan.notifications import reminders_send
from rutan.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TITLE = "Tindak lanjut %(milestone)s: warga binaan %(number)s"
BODY = "Kontak tindak lanjut jatuh tempo pada %(date)s. Catat hasilnya di Pulih."


@pytest.fixture
def english_catalog():
    """Test-only English for the reminder's new texts (locale/ is filled at the end): proves the
    texts are looked up with the reader's language active. The mail's footer is in the real
    catalog already."""
    catalog = trans_real.translation("en")._catalog
    entries = {
        TITLE: "Follow-up %(milestone)s: inmate %(number)s",
        BODY: "Follow-up contact due on %(date)s. Record the outcome in Pulih.",
        "1 bulan": "1 month",
    }
    saved = {key: catalog.get(key) for key in entries}
    for key, value in entries.items():
        catalog[key] = value
    yield
    for key, value in saved.items():
        if value is None:
            for layer in catalog._catalogs:
                layer.pop(key, None)
        else:
            catalog[key] = value


def test_due_follow_ups_notify_the_offices_bapas_users_once(handover, bapas, bapas_other, capsys):
    colleague = UserFactory(facility=None, bapas_office=bapas.bapas_office, role=Role.BAPAS)
    # Three weeks after the handover: nothing is due yet (due shows a week ahead).
    assert reminders_send(today=dt.date(2026, 1, 20))["follow_ups_due"] == 0

    call_command("send_reminders", "--date", "2026-01-25")
    assert "follow_ups_due: 2 notifications" in capsys.readouterr().out
    call_command("send_reminders", "--date", "2026-01-25")
    assert "follow_ups_due: 0 notifications" in capsys.readouterr().out  # idempotent
    # Still due the next days: not told again.
    assert reminders_send(today=dt.date(2026, 2, 3))["follow_ups_due"] == 0

    notes = Notification.objects.filter(kind=NotificationKind.FOLLOW_UP_DUE)
    assert {n.user for n in notes} == {bapas, colleague}  # not another office's Bapas
    note = notes.get(user=bapas)
    number = handover.participant.registration_number
    assert note.title == f"Tindak lanjut 1 bulan: warga binaan {number}"
    assert "31-01-2026" in note.body and "Rudi Hartono" not in note.title + note.body
    assert note.link == reverse("aftercare:detail", args=[handover.pk])

    # Recorded: the next milestone is the next reminder, three months on.
    follow_up_record(
        handover=handover,
        by=bapas,
        milestone=FollowUp.Milestone.M1,
        contacted_on=dt.date(2026, 2, 2),
        reached=True,
        substance_use=FollowUp.SubstanceUse.NONE,
        activity=FollowUp.Activity.WORK,
        notes="",
    )
    assert reminders_send(today=dt.date(2026, 3, 1))["follow_ups_due"] == 0
    assert reminders_send(today=dt.date(2026, 3, 25))["follow_ups_due"] == 2


def test_an_english_reader_gets_the_reminder_and_its_mail_in_english(
    handover, bapas, smtp_inbox, english_catalog
):
    bapas.email = "bapas@bapas.example"
    bapas.save(update_fields=["email"])
    NotificationPreference.objects.create(
        user=bapas, language="en", email_kinds=[NotificationKind.FOLLOW_UP_DUE]
    )
    colleague = UserFactory(facility=None, bapas_office=bapas.bapas_office, role=Role.BAPAS)

    with translation.override("id"):  # the request (or worker) runs in Indonesian
        reminders_send(today=dt.date(2026, 1, 25))

    number = handover.participant.registration_number
    english = Notification.objects.get(user=bapas)
    assert english.title == f"Follow-up 1 month: inmate {number}"
    assert english.body == "Follow-up contact due on 31-01-2026. Record the outcome in Pulih."
    indonesian = Notification.objects.get(user=colleague)
    assert indonesian.title == f"Tindak lanjut 1 bulan: warga binaan {number}"
    subject, body = smtp_inbox.only_message()
    assert subject == f"[Pulih] Follow-up 1 month: inmate {number}"
    assert "This message was sent by Pulih." in body
