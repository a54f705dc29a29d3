"""Release planning: who leaves in the next 30 or 60 days, and what is still due."""

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from participants import selectors
from participants.permissions import can_read
from participants.release import WINDOWS
from participants.release import leaving_within
from rutan.dates import today_for


@can_read
@require_GET
def release_plan(request: HttpRequest) -> HttpResponse:
    days = int(request.GET["hari"]) if request.GET.get("hari") in ("30", "60") else WINDOWS[-1]
    today = today_for(request.user)
    rows = leaving_within(selectors.participants_for(request.user), today=today, days=days)
    return render(
        request,
        "participants/release_plan.html",
        {
            "rows": rows,
            "days": days,
            "windows": WINDOWS,
            "today": today,
            "soon": [r for r in rows if r.within(today, WINDOWS[0])],
            "show_facility": not request.user.facility_id,
        },
    )
