"""The search service: one entry point, Elasticsearch first, the database when it is down.

Both backends (``search.backends``) return the same shapes, so views never ask which one
answered; this module only chooses between them with the breaker and the deadline.
"""

import functools
import logging
import time
from concurrent.futures import ThreadPoolExecutor

from . import breaker
from .backends import slugs_of
from .backends.database import DatabaseBackend
from .backends.elasticsearch import ElasticsearchBackend, related_from_index
from .client import Deadline
from .errors import SEARCH_ERRORS, is_unavailable
from .facet_display import known_filters

logger = logging.getLogger(__name__)

ELASTICSEARCH = ElasticsearchBackend()
DATABASE = DatabaseBackend()
# Related case studies are fetched while their page renders (``related_later``).
RELATED_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="related-search")


def _with_fallback(primary, fallback, what, *, attempted=None, started=None):
    """Run ``primary`` against Elasticsearch if the breaker lets it; else ``fallback``.

    ``attempted`` and ``started`` come from a caller that asked the breaker (``attempt``) and
    sent the request itself; the breaker learns how long the node took either way.
    """
    if attempted is None:
        attempted = breaker.attempt()
    if not attempted:
        return fallback()
    started = time.monotonic() if started is None else started
    try:
        answer = primary()
    except SEARCH_ERRORS as error:
        if is_unavailable(error):
            breaker.trip(error)
            return fallback()
        # The node answered (with an error of ours): it is up, as far as the breaker cares.
        logger.exception("Elasticsearch %s failed; answering from the database", what)
        breaker.answered(time.monotonic() - started, attempted)
        return fallback()
    breaker.answered(time.monotonic() - started, attempted)
    return answer


def search(params):
    """Search case studies: ``SearchResults`` from Elasticsearch, or from the database.

    ``results.params`` are ``params`` without unknown facet values (``known_filters``).
    """
    params = known_filters(params)
    return _with_fallback(
        lambda: ELASTICSEARCH.search(params, Deadline()),
        lambda: DATABASE.search(params, None),
        "search",
    )


def loosened(params):
    """[((facet, value), results without it)] for each selected value, from one request."""
    removals = params.removals()
    if not removals:
        return []
    counts = _with_fallback(
        lambda: ELASTICSEARCH.loosened(params, Deadline()),
        lambda: DATABASE.loosened(params, None),
        "loosened",
    )
    return list(zip(removals, counts, strict=True))


def suggest(prefix):
    """Title completions: ``(backend, [{"title", "url"}])``."""
    if not prefix:
        return ELASTICSEARCH.name if not breaker.is_open() else DATABASE.name, []
    return _with_fallback(
        lambda: (ELASTICSEARCH.name, ELASTICSEARCH.suggest(prefix)),
        lambda: (DATABASE.name, DATABASE.suggest(prefix)),
        "suggest",
    )


def related_later(page, size=4):
    """Start finding ``related(page, size)``; call what this returns for the list.

    The index request (no database work) runs in a pool thread while the page makes its own
    queries and renders; failures are handled in the caller's thread, where the database
    fallback has its connection. The returned callable remembers its answer, and templates
    call it on first use.
    """
    approaches, themes = slugs_of(page)

    def fallback():
        return DATABASE.related(page, size)

    attempted = breaker.attempt()
    if not attempted:
        return functools.cache(fallback)
    deadline = Deadline()
    future = RELATED_POOL.submit(
        related_from_index, page.id, page.title, approaches, themes, size, deadline
    )
    return functools.cache(
        lambda: _with_fallback(
            future.result, fallback, "related", attempted=attempted, started=deadline.started
        )
    )


def related(page, size=4):
    """Up to ``size`` live, public case studies like ``page``, in order of likeness, as
    ``CaseStudyCard``s from either backend."""
    return related_later(page, size)()
