"""Programmes and cohorts (angkatan) run from the pages: the kepala (and the administrator)
creates and edits them and generates a cohort's schedule from the curriculum."""

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from rehab.forms.programmes import CohortForm
from rehab.forms.programmes import CohortScheduleForm
from rehab.forms.programmes import ProgrammeForm
from rehab.forms.programmes import cohort_initial
from rehab.models import Programme
from rehab.permissions import PROGRAMME_EDITORS
from rehab.permissions import may_edit_programmes
from rehab.selectors import programmes as selectors
from rehab.selectors.cohorts import cohorts_for
from rehab.selectors.cohorts import get_cohort_for
from rehab.selectors.programmes import schedule_clashes
from rehab.services.programmes import cohort_schedule_create
from rehab.services.programmes import cohort_schedule_plan
from rutan.dates import facility_today
from rutan.permissions import role_required
from rutan.roles import ALL_ROLES
from rutan.submissions import saved_once
from sessions.services import ScheduleError


@role_required(*ALL_ROLES)
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "rehab/programme_list.html",
        {
            "programmes": selectors.programme_list(request.user),
            "can_edit": may_edit_programmes(request.user),
        },
    )


@role_required(*ALL_ROLES)
@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, pk)
    cohorts = cohorts_for(request.user).filter(programme=programme).order_by("-start_date")
    return render(
        request,
        "rehab/programme_detail.html",
        {
            "programme": programme,
            "cohorts": cohorts,
            "can_edit": may_edit_programmes(request.user),
        },
    )


@role_required(*PROGRAMME_EDITORS)
@require_http_methods(["GET", "POST"])
@saved_once
def programme_create(request: HttpRequest) -> HttpResponse:
    return _programme_form(request, Programme())


@role_required(*PROGRAMME_EDITORS)
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_form(request, selectors.get_programme_for(request.user, pk))


def _programme_form(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ProgrammeForm(
        request.POST or None,
        instance=programme,
        user=request.user,
        partners=selectors.programme_partners(),
    )
    if request.method == "POST" and form.is_valid():
        programme = form.save()
        messages.success(request, _("Program %(name)s tersimpan.") % {"name": programme.name})
        return redirect("rehab:programme_detail", pk=programme.pk)
    return render(
        request,
        "rehab/programme_form.html",
        {"form": form, "programme": programme if programme.pk else None},
    )


def _editable_programmes(user):
    return selectors.programmes_for(user).order_by("-start_date", "name")


@role_required(*PROGRAMME_EDITORS)
@require_http_methods(["GET", "POST"])
@saved_once
def cohort_create(request: HttpRequest) -> HttpResponse:
    programmes = _editable_programmes(request.user)
    programme = programmes.filter(pk=request.GET.get("program") or 0).first()
    today = facility_today(programme.facility) if programme else None
    form = CohortForm(
        request.POST or None,
        programmes=programmes,
        initial=cohort_initial(programme, today) if programme else {},
    )
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        messages.success(
            request,
            _("%(name)s tersimpan. Susun jadwalnya dari kurikulum.") % {"name": cohort.name},
        )
        return redirect("rehab:cohort_schedule", pk=cohort.pk)
    return render(request, "rehab/cohort_form.html", {"form": form, "cohort": None})


@role_required(*PROGRAMME_EDITORS)
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_cohort_for(request.user, pk)
    form = CohortForm(
        request.POST or None, instance=cohort, programmes=_editable_programmes(request.user)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Perubahan angkatan tersimpan."))
        return redirect("rehab:cohort_detail", pk=cohort.pk)
    return render(request, "rehab/cohort_form.html", {"form": form, "cohort": cohort})


@role_required(*PROGRAMME_EDITORS)
@require_http_methods(["GET", "POST"])
@saved_once
def cohort_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Pick modules in order and a weekly pattern; preview the sessions; then create them."""
    cohort = get_cohort_for(request.user, pk)
    facilitators = list(cohort.facilitators.all())
    existing = cohort.sessions.count()
    form = _schedule_form(request, cohort, existing=existing)
    slots, clashes = [], []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            slots = cohort_schedule_plan(
                cohort=cohort,
                modules=form.ordered_modules(),
                first_day=data["first_day"],
                weekdays=data["weekdays"],
                start_time=data["start_time"],
                end_time=data["end_time"],
            )
            if "confirm" in request.POST:
                sessions = cohort_schedule_create(
                    cohort=cohort,
                    slots=slots,
                    place=data["place"],
                    facilitators=facilitators,
                    by=request.user,
                )
                messages.success(
                    request,
                    _("%(n)s sesi dijadwalkan untuk %(cohort)s. Setiap sesi tetap dapat diubah.")
                    % {"n": len(sessions), "cohort": cohort.name},
                )
                return redirect("rehab:cohort_detail", pk=cohort.pk)
        except ScheduleError as error:
            form.add_error(None, str(error))
        clashes = schedule_clashes(cohort=cohort, facilitators=facilitators, slots=slots)
    clash_by_slot = {}
    for clash in clashes:
        clash_by_slot.setdefault(clash.slot, []).append(clash.message)
    return render(
        request,
        "rehab/cohort_schedule.html",
        {
            "cohort": cohort,
            "form": form,
            "facilitators": facilitators,
            "existing": existing,
            "preview": [(slot, clash_by_slot.get(slot, [])) for slot in slots],
            "has_clash": bool(clashes),
        },
    )


def _schedule_form(request: HttpRequest, cohort, *, existing: int) -> CohortScheduleForm:
    """The schedule form, bound on POST; proposes Wednesday-to-Friday mornings from today on."""
    form = CohortScheduleForm(
        request.POST or None,
        cohort=cohort,
        initial={
            "first_day": max(cohort.start_date, facility_today(cohort.programme.facility)),
            "weekdays": [2, 3, 4],
            "start_time": "09:00",
            "end_time": "11:00",
            "place": cohort.place,
        },
    )
    if not existing:
        # A new cohort usually follows the whole curriculum: start with every module ticked.
        form.initial["modules"] = form.module_choices
    return form
