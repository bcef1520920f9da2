"""The search service: one entry point, Elasticsearch first, the database when it is down.

Both backends return the same ``SearchResults``, so views never ask which one answered.
"""

import functools
import logging
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from casestudies.documents import alias_name

from . import breaker, database
from .client import get_search_client
from .errors import SEARCH_ERRORS, SearchPartError, is_unavailable
from .facet_display import build_facets, known_filters
from .faceted import (
    did_you_mean_search,
    facet_counts,
    related_search,
    request_bodies,
    suggest_search,
    total_hits,
)
from .labels import synonym_groups
from .results import IndexedCaseStudy, SearchResults, best_snippet, result_from_source

logger = logging.getLogger(__name__)

# Fewer hits than this and the spelling suggestion is offered.
FEW_RESULTS = 5
SUGGEST_SIZE = 8
# Related case studies are fetched while their page renders (``related_later``).
RELATED_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="related-search")


class Deadline:
    """One search's time with the node (``SEARCH_DEADLINE_SECONDS``): each request gets what
    is left of it as its timeout, so a slow node costs one deadline, not a timeout a request."""

    def __init__(self, seconds=None):
        self.started = time.monotonic()
        self.seconds = settings.SEARCH_DEADLINE_SECONDS if seconds is None else seconds

    def elapsed(self):
        return time.monotonic() - self.started

    def left(self):
        return self.seconds - self.elapsed()

    def client(self):
        """The search client with what is left as its timeout (capped by the usual one)."""
        timeout = max(0.001, min(settings.ELASTICSEARCH_TIMEOUT, self.left()))
        return get_search_client().options(request_timeout=timeout)


def did_you_mean(query, deadline=None):
    search = did_you_mean_search(query).using((deadline or Deadline()).client())
    options = search.execute().suggest.did_you_mean[0].options
    if options and options[0].text.lower() != query.lower():
        return options[0].text
    return None


def optional_did_you_mean(query, deadline):
    """A spelling suggestion if the deadline leaves time for it, else ``None``.

    Skipped when less is left than the results took (the node would likely need as long
    again); a failure or timeout costs the suggestion only, never the results.
    """
    if deadline.left() < deadline.elapsed():
        logger.info("Did-you-mean skipped: %.2fs left of the search deadline", deadline.left())
        return None
    try:
        return did_you_mean(query, deadline)
    except SEARCH_ERRORS as error:
        logger.warning("Did-you-mean failed (%s); results shown without it", error)
        return None


def run_searches(*bodies, deadline=None):
    """Answers to ``bodies`` from one ``_msearch`` round trip, as plain dicts.

    Plain dicts: the DSL's wrapped hits and facets cost more CPU than the search itself once
    the council facet has hundreds of buckets (docs/benchmarks.md).
    """
    # No filter_path: trimming the answer cost the node more time than parsing it costs here.
    searches = [part for body in bodies for part in ({}, body)]
    client = (deadline or Deadline()).client()
    answer = client.msearch(index=alias_name(), searches=searches)
    responses = answer["responses"]
    for response in responses:
        if "error" in response:
            raise SearchPartError(response.get("status", 500), response["error"])
    return responses, answer["took"]


def elasticsearch_search(params, deadline=None):
    deadline = deadline or Deadline()
    (hits, counts), took = run_searches(
        *request_bodies(params, synonym_groups()), deadline=deadline
    )
    counted = facet_counts(counts["aggregations"])
    results = [
        result_from_source(hit["_source"], best_snippet(hit.get("highlight", {})))
        for hit in hits["hits"]["hits"]
    ]
    total = total_hits(counts)
    suggestion = None
    if params.query and total < FEW_RESULTS:
        suggestion = optional_did_you_mean(params.query, deadline)
    return SearchResults(
        params=params,
        backend="elasticsearch",
        total=total,
        results=results,
        facets=build_facets(counted, params),
        suggestion=suggestion,
        took_ms=took,
    )


def database_search(params):
    page = database.search(params, synonym_groups())
    return SearchResults(
        params=params,
        backend="database",
        total=page.total,
        results=page.results,
        facets=build_facets(page.counts, params),
        notice=(
            "Search is running in a simpler mode for a moment: results are not ranked by "
            "relevance and spelling mistakes are not corrected."
        ),
    )


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
    started = time.perf_counter()
    params = known_filters(params)
    results = _with_fallback(
        lambda: elasticsearch_search(params), lambda: database_search(params), "search"
    )
    results.extra["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return results


def suggest(prefix):
    """Title completions: ``(backend, [{"title", "url"}])``."""

    def from_index():
        response = suggest_search(prefix, SUGGEST_SIZE).using(Deadline().client()).execute()
        options = response.suggest.titles[0].options
        return "elasticsearch", [
            {"title": option._source.title, "url": option._source.url} for option in options
        ]

    def from_database():
        return "database", database.suggest(prefix, SUGGEST_SIZE)

    if not prefix:
        return "elasticsearch" if not breaker.is_open() else "database", []
    return _with_fallback(from_index, from_database, "suggest")


def _related_from_index(page_id, title, approaches, themes, size, deadline):
    search = related_search(page_id, title, approaches, themes, size).using(deadline.client())
    response = search.execute().to_dict()
    return [IndexedCaseStudy.from_source(hit["_source"]) for hit in response["hits"]["hits"]]


def related_later(page, size=4):
    """Start finding ``related(page, size)``; call what this returns for the list.

    The index request (no database work) runs in a pool thread while the page makes its own
    queries and renders; failures are handled in the caller's thread, where the database
    fallback has its connection. The returned callable remembers its answer, and templates
    call it on first use.
    """
    approaches = [approach.slug for approach in page.approach_list]
    themes = [theme.slug for theme in page.theme_list]

    def fallback():
        return database.related(page, approaches, themes, size)

    attempted = breaker.attempt()
    if not attempted:
        return functools.cache(fallback)
    deadline = Deadline()
    future = RELATED_POOL.submit(
        _related_from_index, page.id, page.title, approaches, themes, size, deadline
    )
    return functools.cache(
        lambda: _with_fallback(
            future.result, fallback, "related", attempted=attempted, started=deadline.started
        )
    )


def related(page, size=4):
    """Up to ``size`` live, public case studies like ``page``, in order of likeness.

    From the index they come as ``IndexedCaseStudy`` cards (the index holds only what visitors
    may see, so no database query); from the database fallback, as pages.
    """
    return related_later(page, size)()
