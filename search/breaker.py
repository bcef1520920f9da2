"""A circuit breaker: after a failure or repeated slowness, skip Elasticsearch for a while.

Without it a dead or crawling node would cost every request its full deadline. The state lives
in the cache every web worker shares (``SEARCH_BREAKER_CACHE``, the database cache in
production), so one worker's finding holds for all of them.

- Closed: every request tries the node.
- Open (``trip``): for ``SEARCH_BREAKER_SECONDS`` every request answers from the database.
  It trips on a failure to reach the node (``errors.is_unavailable``), on a search that blows
  ``SEARCH_DEADLINE_SECONDS`` (the client times out), and on ``SEARCH_BREAKER_SLOW_COUNT``
  answers in a row slower than ``SEARCH_SLOW_SECONDS``.
- Half-open: after the cool-down exactly one request (the one that claims the trial) tries
  the node while the others keep using the database. A fast answer closes the breaker; a
  failure or a slow answer opens it for another cool-down. A trial whose worker died expires
  after a deadline, so another request can claim it.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

OPEN_UNTIL = "search-breaker:open-until"
TRIAL = "search-breaker:trial"
SLOW = "search-breaker:slow"


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
    """True when this request may try Elasticsearch: closed, or it has claimed the trial."""
    open_until = _open_until()
    if open_until is None:
        return True
    if time.time() < open_until:
        return False
    try:
        return _store().add(TRIAL, True, timeout=settings.SEARCH_DEADLINE_SECONDS + 1)
    except Exception:
        logger.exception("Search breaker cache unavailable; trying Elasticsearch")
        return True


def trip(error):
    """Record a failure: Elasticsearch is skipped for ``SEARCH_BREAKER_SECONDS``."""
    seconds = settings.SEARCH_BREAKER_SECONDS
    try:
        store = _store()
        store.set(OPEN_UNTIL, time.time() + seconds, timeout=None)
        store.delete_many([TRIAL, SLOW])
    except Exception:
        logger.exception("Search breaker cache unavailable; breaker not tripped")
    logger.warning("Elasticsearch unavailable (%s); using the database for %ss", error, seconds)


def answered(seconds):
    """Record an answer that took ``seconds``: a fast one closes the breaker (ending a trial)
    and clears the run of slow ones; the ``SEARCH_BREAKER_SLOW_COUNT``-th slow one in a row,
    or a slow trial, trips it."""
    if seconds < settings.SEARCH_SLOW_SECONDS:
        try:
            state = _store().get_many([OPEN_UNTIL, SLOW])
        except Exception:
            logger.exception("Search breaker cache unavailable; answer not recorded")
            return
        if OPEN_UNTIL in state:
            logger.info("Elasticsearch answered the trial in %.2fs; breaker closed", seconds)
        if state:
            reset()
        return
    try:
        store = _store()
        trial = store.get(OPEN_UNTIL) is not None
        store.add(SLOW, 0, timeout=None)
        slow = store.incr(SLOW)
    except Exception:
        logger.exception("Search breaker cache unavailable; slow answer not counted")
        return
    if trial or slow >= settings.SEARCH_BREAKER_SLOW_COUNT:
        trip(f"{slow} slow answer(s) in a row, the last in {seconds:.2f}s")


def reset():
    """Close the breaker: the next call tries Elasticsearch again."""
    try:
        _store().delete_many([OPEN_UNTIL, TRIAL, SLOW])
    except Exception:
        logger.exception("Search breaker cache unavailable; breaker not reset")
