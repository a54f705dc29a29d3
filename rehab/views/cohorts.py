"""Cohort (angkatan) pages and the module library."""

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from participants.permissions import ENROL_ROLES
from rehab.models import Module
from rehab.permissions import may_edit_modules
from rehab.permissions import may_edit_programmes
from rehab.selectors.cohorts import cohort_participants
from rehab.selectors.cohorts import cohort_sessions
from rehab.selectors.cohorts import cohorts_with_counts
from rehab.selectors.cohorts import get_cohort_for
from rutan.dates import facility_today
from rutan.pagination import paginate
from rutan.permissions import role_required
from rutan.roles import ALL_ROLES

COHORTS_PER_PAGE = 50


@role_required(*ALL_ROLES)
@require_GET
def cohort_list(request: HttpRequest) -> HttpResponse:
    # Ordered to the last key: a page boundary must not move rows between pages.
    cohorts = cohorts_with_counts(request.user).order_by("-start_date", "name", "-pk")
    page = paginate(request, cohorts, COHORTS_PER_PAGE)
    return render(
        request,
        "rehab/cohort_list.html",
        {"cohorts": page.object_list, "page": page, "can_edit": may_edit_programmes(request.user)},
    )


@role_required(*ALL_ROLES)
@require_GET
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_cohort_for(request.user, pk)
    context = {
        "cohort": cohort,
        "enrollments": cohort_participants(cohort),
        "sessions": cohort_sessions(cohort),
        "today": facility_today(cohort.programme.facility),
        "can_edit": may_edit_programmes(request.user),
        "can_enrol": request.user.has_role(*ENROL_ROLES),
    }
    return render(request, "rehab/cohort_detail.html", context)


@role_required(*ALL_ROLES)
@require_GET
def module_list(request: HttpRequest) -> HttpResponse:
    modules = Module.objects.order_by("order", "code")
    return render(
        request,
        "rehab/module_list.html",
        {"modules": modules, "can_edit": may_edit_modules(request.user)},
    )
