"""Background tasks that failed for good: what network staff see, retry or dismiss.

A task's last try that raised stays a FAILED ``DBTaskResult`` row; tries followed by another
(``RetryScheduled``) are not failures to act on and are left out.
"""

from dataclasses import dataclass

from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django_tasks.exceptions import InvalidTaskBackendError, InvalidTaskError
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log

from . import mail
from .retry import ATTEMPT, RETRY_SCHEDULED, attempt_of

# Tasks whose arguments the generic summary would not describe well, or which hold secrets.
SUMMARIES = {"operations.mail.send_email": mail.summary}
# Longer text arguments are shown by length only: they may be message bodies or tokens.
SHORT_TEXT = 40
TRACEBACK_LINES = 12


class RetryError(Exception):
    """The task cannot be queued again (its code is gone); the row is kept."""


@dataclass(frozen=True)
class FailedTask:
    id: str
    name: str
    summary: str
    error: str
    traceback: str
    finished_at: object
    attempts: int


def final_failures():
    return DBTaskResult.objects.failed().exclude(exception_class_path=RETRY_SCHEDULED)


def summarise_value(value):
    if isinstance(value, str):
        return repr(value) if len(value) <= SHORT_TEXT else f"<text, {len(value)} characters>"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{key}: {summarise_value(item)}" for key, item in value.items()) + "}"
        )
    if isinstance(value, list):
        shown = ", ".join(summarise_value(item) for item in value[:5])
        return f"[{shown}{', …' if len(value) > 5 else ''}]"
    return repr(value)


def summarise_arguments(task_path, args, kwargs):
    """A line describing the arguments, without message bodies, links or other long text."""
    kwargs = {key: value for key, value in kwargs.items() if key != ATTEMPT}
    summarise = SUMMARIES.get(task_path)
    if summarise is not None:
        try:
            return summarise(*args, **kwargs)
        except (KeyError, TypeError, ValueError):
            pass  # arguments from an older version of the task: described generically
    parts = [summarise_value(value) for value in args]
    parts += [f"{key}={summarise_value(value)}" for key, value in kwargs.items()]
    return ", ".join(parts) or "no arguments"


def task_name(row):
    """The task's function name, read from its path (the code may be gone or changed)."""
    return row.task_path.rsplit(".", 1)[-1]


def describe(row):
    kwargs = row.args_kwargs.get("kwargs", {})
    lines = row.traceback.strip().splitlines()
    return FailedTask(
        id=str(row.pk),
        name=task_name(row),
        summary=summarise_arguments(row.task_path, row.args_kwargs.get("args", []), kwargs),
        error=lines[-1] if lines else row.exception_class_path,
        traceback="\n".join(lines[-TRACEBACK_LINES:]),
        finished_at=row.finished_at,
        attempts=attempt_of(kwargs),
    )


def failed_tasks():
    """Every final failure, newest first, as the report shows it."""
    return [describe(row) for row in final_failures().order_by("-finished_at")]


@transaction.atomic
def retry(row, user):
    """Queue the task again with the same arguments and a fresh count of tries."""
    try:
        task = row.task
    except (ImportError, SuspiciousOperation, InvalidTaskError, InvalidTaskBackendError) as error:
        raise RetryError(f"{row.task_path} can no longer be run: {error}") from error
    kwargs = {key: value for key, value in row.args_kwargs["kwargs"].items() if key != ATTEMPT}
    result = task.enqueue(*row.args_kwargs["args"], **kwargs)
    log(instance=row, action="operations.retry_task", user=user, title=task_name(row))
    row.delete()
    return result


@transaction.atomic
def dismiss(row, user):
    """Remove the failure from the report, keeping a line in the site history."""
    log(instance=row, action="operations.dismiss_task", user=user, title=task_name(row))
    row.delete()
