"""A circuit breaker: after a failure or repeated slowness, skip Elasticsearch for a while.

Without it a dead or crawling node would cost every request its full deadline. The state lives
in the cache every web worker shares (``SEARCH_BREAKER_CACHE``, the database cache in
production), so one worker's finding holds for all of them. While closed a search costs one
cache read (``attempt``), whatever its timing; the run of slow answers is counted per worker.

- Closed: every request tries the node.
- Open (``trip``): for ``SEARCH_BREAKER_SECONDS`` every request answers from the database.
  It trips on a failure to reach the node (``errors.is_unavailable``), on a search that blows
  ``SEARCH_DEADLINE_SECONDS`` (the client times out), and on ``SEARCH_BREAKER_SLOW_COUNT``
  answers in a row, in one worker, slower than ``SEARCH_SLOW_SECONDS``.
- Half-open: after the cool-down exactly one request (the one that claims the trial) tries
  the node while the others keep using the database. A fast answer closes the breaker; a
  failure or a slow answer opens it for another cool-down. A trial whose worker died expires
  after a deadline, so another request can claim it.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

OPEN_UNTIL = "search-breaker:open-until"
TRIAL = "search-breaker:trial"
# What ``attempt`` answers when the node may be tried.
CLOSED, TRIAL_CLAIMED = "closed", "trial"

_lock = threading.Lock()
_slow_in_a_row = 0


def _store():
    return caches[settings.SEARCH_BREAKER_CACHE]


def _open_until():
    try:
        return _store().get(OPEN_UNTIL)
    except Exception:
        # A broken cache must not take search down with it: behave as closed.
        logger.exception("Search breaker cache unavailable; trying Elasticsearch")
        return None


def is_open():
    """True while Elasticsearch should not be tried (open, or half-open with a trial running
    elsewhere or still to be claimed)."""
    return _open_until() is not None


def attempt():
    """``CLOSED`` or ``TRIAL_CLAIMED`` when this request may try Elasticsearch (pass it to
    ``answered``), else ``None``."""
    open_until = _open_until()
    if open_until is None:
        return CLOSED
    if time.time() < open_until:
        return None
    try:
        claimed = _store().add(TRIAL, True, timeout=settings.SEARCH_DEADLINE_SECONDS + 1)
    except Exception:
        logger.exception("Search breaker cache unavailable; trying Elasticsearch")
        return CLOSED
    return TRIAL_CLAIMED if claimed else None


def _count_slow(slow):
    global _slow_in_a_row
    with _lock:
        _slow_in_a_row = _slow_in_a_row + 1 if slow else 0
        return _slow_in_a_row


def trip(error):
    """Record a failure: Elasticsearch is skipped for ``SEARCH_BREAKER_SECONDS``."""
    seconds = settings.SEARCH_BREAKER_SECONDS
    _count_slow(False)
    try:
        store = _store()
        store.set(OPEN_UNTIL, time.time() + seconds, timeout=None)
        store.delete(TRIAL)
    except Exception:
        logger.exception("Search breaker cache unavailable; breaker not tripped")
    logger.warning("Elasticsearch unavailable (%s); using the database for %ss", error, seconds)


def answered(seconds, attempted=CLOSED):
    """Record an answer that took ``seconds`` to a request ``attempt`` let through.

    A trial's fast answer closes the breaker, its slow one opens it again. Otherwise a fast
    answer ends the run of slow ones and the ``SEARCH_BREAKER_SLOW_COUNT``-th slow one in a
    row opens the breaker.
    """
    slow = seconds >= settings.SEARCH_SLOW_SECONDS
    if attempted == TRIAL_CLAIMED:
        if slow:
            trip(f"the trial answered in {seconds:.2f}s")
        else:
            logger.info("Elasticsearch answered the trial in %.2fs; breaker closed", seconds)
            reset()
        return
    in_a_row = _count_slow(slow)
    if in_a_row >= settings.SEARCH_BREAKER_SLOW_COUNT:
        trip(f"{in_a_row} slow answers in a row, the last in {seconds:.2f}s")


def reset():
    """Close the breaker: the next call tries Elasticsearch again."""
    _count_slow(False)
    try:
        _store().delete_many([OPEN_UNTIL, TRIAL])
    except Exception:
        logger.exception("Search breaker cache unavailable; breaker not reset")
