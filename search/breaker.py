"""A circuit breaker: after a failure to reach Elasticsearch, skip it for a while.

Without it a dead node would cost every request the full timeout. Per process, in memory:
each worker finds out on its own, at the cost of one timeout.
"""

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_open_until = 0.0


def is_open():
    """True while Elasticsearch should not be tried."""
    return time.monotonic() < _open_until


def trip(error):
    """Record a failure: Elasticsearch is skipped for ``SEARCH_BREAKER_SECONDS``."""
    global _open_until
    with _lock:
        _open_until = time.monotonic() + settings.SEARCH_BREAKER_SECONDS
    logger.warning(
        "Elasticsearch unavailable (%s); using the database for %ss",
        error,
        settings.SEARCH_BREAKER_SECONDS,
    )


def reset():
    """Close the breaker: the next call tries Elasticsearch again."""
    global _open_until
    with _lock:
        _open_until = 0.0
