from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from api.services import api_token_issue
from rutan.models import Region


class Command(BaseCommand):
    help = "Issue a read-only API token to an organisation; the token is the last line printed."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Organisation name, e.g. 'BNN SIRENA'.")
        parser.add_argument(
            "--scope", required=True, help="'national' or a province code (e.g. 64)."
        )
        parser.add_argument("--days", type=int, default=365, help="Days until it expires.")

    def handle(self, *args, org: str, scope: str, days: int, **options):
        if days < 1:
            raise CommandError("--days harus 1 atau lebih.")
        region = None
        if scope not in ("national", "nasional"):
            region = Region.objects.filter(code=scope).first()
            if region is None:
                raise CommandError(f"Kanwil dengan kode provinsi {scope!r} tidak ada.")
        issued = api_token_issue(organisation=org, region=region, days=days)
        token = issued.token
        self.stdout.write(
            f"Token untuk {token.organisation} ({token.scope_label}), "
            f"berlaku sampai {token.expires_at:%Y-%m-%d}:"
        )
        self.stdout.write(issued.raw)
