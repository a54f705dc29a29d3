"""Property-based tests of the API against its checked-in OpenAPI file (schemathesis).

Every operation of the served schema (equal to docs/openapi.yaml) is called with generated parameters, with a national token over a small
known month; each answer must match the schema (status code, content type, body) and
never be a server error.
"""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.throttling import UserRateThrottle

from api.services import api_token_issue
from rutan.wsgi import application
from tests.rehab.reports_fixture import build_known_month

# The schema the application serves: test_api.py pins it to the checked-in docs/openapi.yaml.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
# Valid requests only: DRF's pagination ignores an unusable page_size instead of refusing it,
# which is kind to clients and which schemathesis' negative mode would count as a failure.
schema.config.generation.update(modes=[schemathesis.GenerationMode.POSITIVE])


# Transactional: the WSGI handler closes the connection after each request, which a test
# inside one transaction cannot survive.
@pytest.fixture
def token(transactional_db, regions, facility, other_facility):
    build_known_month(facility, other_facility)
    cache.clear()
    return api_token_issue(organisation="Uji", region=None, days=1).raw


@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_schema_says(case, token, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "100000/minute", raising=False)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
