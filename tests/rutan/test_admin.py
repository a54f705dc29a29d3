"""The Django admin is not scoped, so it serves superusers and administrators only; lifecycle
status fields there are read-only (they move through the pages' services)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from participants.models import Enrollment
from rutan.roles import Role
from tests.factories import EnrollmentFactory
from tests.factories import EvaluationFactory
from tests.factories import IntegrationProgrammeFactory
from tests.factories import ParticipantFactory
from tests.factories import ProgrammeEvaluationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:index",
    "admin:participants_participant_changelist",
    "admin:participants_screening_changelist",
    "admin:rutan_user_changelist",
    "admin:rutan_auditevent_changelist",
]


@pytest.fixture
def staff_kepala(kepala):
    kepala.is_staff = True
    kepala.save(update_fields=["is_staff"])
    return kepala


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_a_kepala_given_staff_status_cannot_open_the_admin(client, staff_kepala, name):
    ParticipantFactory(facility=UserFactory().facility, nik="6471990101900001")
    client.force_login(staff_kepala)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", [Role.PETUGAS, Role.FASILITATOR])
def test_other_staff_roles_cannot_open_the_admin(client, role):
    user = UserFactory(role=role, is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


def test_administrators_still_use_the_admin(client, admin_user):
    client.force_login(admin_user)
    for name in ADMIN_PAGES:
        assert client.get(reverse(name)).status_code == 200, name


def test_the_kepala_role_holds_no_admin_permission():
    assert not Group.objects.get(name=Role.KEPALA).permissions.exists()
    assert Group.objects.get(name=Role.ADMIN).permissions.filter(codename="view_participant")


def test_the_admin_link_shows_only_to_those_who_may_use_it(client, staff_kepala, admin_user):
    client.force_login(staff_kepala)
    assert reverse("admin:index") not in client.get(reverse("home")).content.decode()
    client.force_login(admin_user)
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    ("factory", "name", "fields"),
    [
        (EnrollmentFactory, "participants_enrollment", {"status", "activated_on", "ended_on"}),
        (IntegrationProgrammeFactory, "participants_integrationprogramme", {"status"}),
        (EvaluationFactory, "rehab_evaluation", {"status", "reviewed_by", "reviewed_at"}),
        (ProgrammeEvaluationFactory, "rehab_programmeevaluation", {"status", "figures"}),
    ],
)
def test_lifecycle_fields_are_read_only_in_the_admin(client, admin_user, factory, name, fields):
    obj = factory()
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:{name}_change", args=[obj.pk]))
    assert response.status_code == 200
    editable = set(response.context["adminform"].form.fields)
    assert not fields & editable


def test_an_admin_post_cannot_activate_an_enrolment_without_consent(client, admin_user):
    enrolment = EnrollmentFactory(status=Enrollment.Status.ENROLLED, activated_on=None)
    client.force_login(admin_user)
    url = reverse("admin:participants_enrollment_change", args=[enrolment.pk])
    form = client.get(url).context["adminform"].form
    data = {key: form[key].value() or "" for key in form.fields}
    data.update(status="active", activated_on="2025-11-05")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    enrolment.refresh_from_db()
    assert enrolment.status == Enrollment.Status.ENROLLED and enrolment.activated_on is None


def test_the_admin_signs_in_through_the_apps_own_sign_in_page(client):
    response = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=%2Fadmin%2F"
