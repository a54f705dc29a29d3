"""The scheduling form (sessions:create) filled in validly, shared by the tests that post it:
each names only the fields it is about."""


def schedule_data(cohort, **overrides) -> dict:
    """One session of `cohort` on Wednesday 19 November 2025, 09:00–11:00 local time."""
    return {
        "cohort": cohort.pk,
        "repeat": "once",
        "date": "2025-11-19",
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Aula Pembinaan Rutan Balikpapan",
        **overrides,
    }
