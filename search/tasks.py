"""Background index work: the worker drains the outbox that content changes write.

A change commits with its PendingSync row; its on-commit hook only enqueues ``drain_outbox``,
so no request waits for the search node. While the node is unavailable the task schedules
itself again with capped exponential backoff; at most one drain waits in the queue.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from .indices import RebuildRunning
from .rebuild import drain_queue
from .sync import SYNC_ERRORS

logger = logging.getLogger(__name__)


def retry_delay(attempt):
    """Seconds before retry number ``attempt`` (1, 2, ...): doubling, capped."""
    delay = settings.SEARCH_SYNC_RETRY_SECONDS * 2 ** (attempt - 1)
    return min(delay, settings.SEARCH_SYNC_RETRY_MAX_SECONDS)


@task()
def drain_outbox(attempt=0):
    """Apply every queued index change; on failure, try again later."""
    try:
        drained = drain_queue()
    except (*SYNC_ERRORS, RebuildRunning) as error:
        logger.warning("Search outbox not drained (attempt %s): %s", attempt + 1, error)
        schedule_retry(attempt + 1)
        return {"drained": 0, "retry": attempt + 1}
    return {"drained": drained}


def drain_waiting():
    """True when a drain is already enqueued and not started (so another adds nothing)."""
    backend = drain_outbox.get_backend()
    if not backend.supports_defer:
        # The inline backend runs each drain at once: nothing ever waits.
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=drain_outbox.module_path,
        backend_name=backend.alias,
        status=TaskResultStatus.READY,
    ).exists()


def request_drain():
    """Enqueue a drain unless one is already waiting; called after a change commits."""
    try:
        if not drain_waiting():
            drain_outbox.enqueue()
    except Exception:
        # The rows are committed: the next change, `search_sync` or a worker retry drains them.
        logger.exception("Could not enqueue the search outbox drain")


def schedule_retry(attempt):
    backend = drain_outbox.get_backend()
    if not backend.supports_defer or drain_waiting():
        return
    run_after = timezone.now() + timedelta(seconds=retry_delay(attempt))
    drain_outbox.using(run_after=run_after).enqueue(attempt=attempt)
