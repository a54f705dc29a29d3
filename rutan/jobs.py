"""Queueing background work: to the Celery worker when there is a broker, in the request otherwise."""

from django.db import transaction

from rutan.celery import app


def job_enqueue(task, *args) -> None:
    """Run `task(*args)` in a worker once the current transaction has committed (so the worker sees
    what the request wrote), or right here when no broker is configured."""
    if app.conf.task_always_eager:
        task.apply(args=args, throw=True)
    else:
        transaction.on_commit(lambda: task.delay(*args))
