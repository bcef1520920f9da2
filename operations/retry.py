"""Retries with backoff for background tasks: a failed try re-enqueues the next, until the last.

Each try is its own task result. A try that is followed by another ends FAILED with
``RetryScheduled`` (the real error chained to it); only the last try ends with the real error,
which is what the failed-tasks report lists.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

# The keyword argument that carries the try number from one task result to the next.
ATTEMPT = "_attempt"
# Longest wait between two tries, in seconds, however many tries are allowed.
MAX_BACKOFF = 60 * 60


class RetryScheduled(Exception):
    """This try failed and the next one is queued."""


RETRY_SCHEDULED = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"


def attempt_of(kwargs):
    """The try number recorded in a task result's keyword arguments (1 for the first)."""
    return kwargs.get(ATTEMPT, 1)


def backoff(attempt):
    """Seconds to wait after try ``attempt`` fails: TASK_RETRY_BACKOFF, doubled for each try."""
    return min(settings.TASK_RETRY_BACKOFF * 2 ** (attempt - 1), MAX_BACKOFF)


def retried_task(function=None, **options):
    """Like ``@task``, but a try that raises is enqueued again, up to TASK_MAX_ATTEMPTS tries."""

    def decorate(func):
        def run(context, *args, _attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as error:
                tries = settings.TASK_MAX_ATTEMPTS
                if _attempt >= tries:
                    raise
                delay = backoff(_attempt)
                # The running result's task keeps the backend, queue and priority it was given.
                again = context.task_result.task
                if again.get_backend().supports_defer:
                    again = again.using(run_after=timezone.now() + timedelta(seconds=delay))
                again.enqueue(*args, **{ATTEMPT: _attempt + 1}, **kwargs)
                raise RetryScheduled(
                    f"Try {_attempt} of {tries} failed ({type(error).__name__}: {error}); "
                    f"try {_attempt + 1} in {delay:g} s."
                ) from error

        # The task is found again by this path (the worker imports it by name).
        for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(run, attribute, getattr(func, attribute))
        return task(takes_context=True, **options)(run)

    return decorate(function) if function else decorate
