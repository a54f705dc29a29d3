"""Requests with a date far out of range, shared by the date-bound and the query-string tests."""

from django.urls import reverse


def post_weekly_series_until_9999(client, cohort):
    """Ask for a weekly series of `cohort`'s sessions from 19 November 2025 until 9999."""
    return client.post(
        reverse("sessions:create"),
        {
            "cohort": cohort.pk,
            "repeat": "weekly",
            "date": "2025-11-19",
            "until": "9999-12-31",
            "weekdays": ["2"],
            "start_time": "09:00",
            "end_time": "10:00",
        },
    )
