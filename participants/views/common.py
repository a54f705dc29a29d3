"""What every participant view shares: error plumbing and the guided flow's links."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

# The query parameter that carries the guided flow register → screen → consent → enrol.
GUIDED = "alur"


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's or model's ValidationError on the form, by field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def detail_url(pk: int, anchor: str = "") -> str:
    """The participant's page, optionally at one of its sections."""
    url = reverse("participants:detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def is_guided(request) -> bool:
    return request.GET.get(GUIDED) == "1"


def guided_url(url_name: str, *args, **query) -> str:
    """The next step of the guided flow, keeping the flow's marker."""
    return f"{reverse(url_name, args=args)}?{urlencode({**query, GUIDED: '1'})}"


def simple_form_page(
    request: HttpRequest, form, participant, *, title: str, submit: str, status: int = 200, **extra
) -> HttpResponse:
    """A one-form page about a participant (templates/participants/simple_form.html); `extra`
    takes its optional parts: intro, warnings, danger, guided_step."""
    context = {"form": form, "participant": participant, "title": title, "submit": submit}
    return render(request, "participants/simple_form.html", {**context, **extra}, status=status)
