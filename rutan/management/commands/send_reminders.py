"""`manage.py send_reminders`: the daily reminders, by hand. Running it twice a day sends nothing new."""

import datetime as dt

from django.core.management.base import BaseCommand

from rutan.notifications import reminders_send


class Command(BaseCommand):
    help = (
        "Notify evaluations due, agreements expiring (60/30/7 days), repeated absences and "
        "Bapas follow-ups due."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, help="as if today were DATE")

    def handle(self, *args, **options):
        done = reminders_send(today=options.get("date"))
        for key, count in done.items():
            self.stdout.write(f"{key}: {count} notifications")
