"""`manage.py cleanup`: the nightly clean-up, by hand. Safe to run at any time, any number of times."""

from django.core.management.base import BaseCommand

from rutan.maintenance import cleanup_run


class Command(BaseCommand):
    help = "Delete expired sessions, ended lockouts, old sign-in logs and abandoned import uploads."

    def handle(self, *args, **options):
        done = cleanup_run()
        for key, count in done.items():
            self.stdout.write(f"{key}: {count} deleted")
