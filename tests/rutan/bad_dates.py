"""Requests with a date far out of range, shared by the date-bound and the query-string tests."""

from django.urls import reverse

from tests.sessions.schedule_form import schedule_data


def post_weekly_series_until_9999(client, cohort):
    """Ask for a weekly series of `cohort`'s sessions from 19 November 2025 until 9999."""
    data = schedule_data(cohort, repeat="weekly", until="9999-12-31", weekdays=["2"])
    return client.post(reverse("sessions:create"), data)
