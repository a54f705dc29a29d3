"""Calling the reporting API in tests: a token for a region (or national), a GET with it."""

from api.services import api_token_issue
from rutan.models import Region


def issue_token(region_code: str | None) -> str:
    """A 30-day token of BNN SIRENA for the region with that code, or national for None."""
    region = Region.objects.get(code=region_code) if region_code else None
    return api_token_issue(organisation="BNN SIRENA", region=region, days=30).raw


def api_get(client, path, token, **params):
    """GET /api/v1/<path> with the token as a Bearer header."""
    return client.get(f"/api/v1/{path}", params, HTTP_AUTHORIZATION=f"Bearer {token}")
