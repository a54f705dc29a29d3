"""Notifications to people: the in-app inbox and e-mail."""


def notify_import_finished(*, job) -> None:
    """Tell the person who started an import that it has been saved."""
