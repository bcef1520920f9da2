"""The search service: one entry point, Elasticsearch first, the database when it is down.

Both backends return the same ``SearchResults``, so views never ask which one answered.
"""

import functools
import logging
import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings

from casestudies.vocabulary import Status

from . import breaker, database, labels
from .client import get_search_client
from .errors import SEARCH_ERRORS, SearchPartError, is_unavailable
from .faceted import (
    did_you_mean_search,
    facet_counts,
    related_search,
    request_bodies,
    suggest_search,
    total_hits,
)
from .facets import DESCENDING, FACETS, FIXED, Choices, Numbers, Rows
from .index_names import alias_name
from .labels import synonym_groups

logger = logging.getLogger(__name__)

# Fewer hits than this and the spelling suggestion is offered.
FEW_RESULTS = 5
SUGGEST_SIZE = 8
STATUS_LABELS = dict(Status.choices)
# Related case studies are fetched while their page renders (``related_later``).
RELATED_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="related-search")


@dataclass
class SearchResults:
    params: object
    backend: str
    total: int
    results: list
    facets: dict
    suggestion: str | None = None
    took_ms: int | None = None
    notice: str = ""

    @property
    def pages(self):
        return math.ceil(self.total / self.params.page_size) if self.total else 0

    def as_json(self):
        return {
            "query": self.params.query,
            "backend": self.backend,
            "total": self.total,
            "page": self.params.page,
            "page_size": self.params.page_size,
            "pages": self.pages,
            "results": self.results,
            "facets": self.facets,
            "suggestion": self.suggestion,
        }


def value_labels(name, values):
    """{value: label} for facet ``name``, covering ``values``; numbers are their own labels."""
    source = FACETS[name].labels
    if isinstance(source, Rows):
        return labels.labels(name, values)
    return source.labels if isinstance(source, Choices) else {}


def facet_labels(counts, params):
    """Labels for every value that will be shown, from per-process copies (``labels``)."""
    return {
        name: value_labels(name, set(counts.get(name, {})).union(params.filters.get(name, ())))
        for name in FACETS
    }


def known_values(name, values):
    """The values of ``values`` that name something facet ``name`` has."""
    source = FACETS[name].labels
    named = source.values if isinstance(source, Numbers) else value_labels(name, values)
    return tuple(value for value in values if value in named)


def known_filters(params):
    """``params`` without facet values that name nothing: they are ignored, never echoed back
    (a URL of made-up values would otherwise come back as as many checkboxes and links)."""
    filters = {name: known_values(name, values) for name, values in params.filters.items()}
    return params if filters == params.filters else params.with_filters(filters)


def ordered_values(name, counted, selected):
    """The values facet ``name`` lists, in the order it shows them."""
    facet = FACETS[name]
    if facet.order == FIXED:
        position = {value: index for index, value in enumerate(facet.labels.labels)}
        values = set(counted).union(selected)
        return sorted(values, key=lambda value: (position.get(value, len(position)), value))
    if facet.order == DESCENDING:
        return sorted(set(counted).union(selected), reverse=True)
    # Elasticsearch's order: most frequent first, ties by value. Two stable sorts without a
    # key tuple per option: a broad search lists hundreds of councils.
    values = sorted(counted)
    values.sort(key=counted.__getitem__, reverse=True)
    values.extend(sorted(value for value in set(selected) if value not in counted))
    return values


def build_facets(counts, params):
    """Facet options with honest counts; selected values stay listed even when they count 0."""
    labels = facet_labels(counts, params)
    facets = {}
    for name in FACETS:
        named, counted = labels[name], counts.get(name, {})
        selected = params.filters.get(name, ())
        facets[name] = [
            {
                "value": value,
                "label": named.get(value, value),
                "count": counted.get(value, 0),
                "selected": value in selected,
            }
            for value in ordered_values(name, counted, selected)
        ]
    return facets


def result_from_source(source, highlight=""):
    display = source.get("display") or {}
    return {
        "id": source["page_id"],
        "title": source["title"],
        "url": source.get("url") or "",
        "summary": source.get("summary") or "",
        "highlight": highlight,
        "council": {key: (display.get("council") or {}).get(key, "") for key in ("slug", "name")},
        "approaches": display.get("approaches") or [],
        "themes": display.get("themes") or [],
        "budget": source.get("budget"),
        "budget_band": source.get("budget_band") or "",
        "status": source.get("status") or "",
        "year": source.get("start_year"),
    }


def best_snippet(highlight):
    """A marked summary, else a marked body fragment, else the plain (escaped) summary."""
    fragments = [fragment for name in ("summary", "body") for fragment in highlight.get(name, ())]
    marked = [fragment for fragment in fragments if "<mark>" in fragment]
    return (marked or fragments or [""])[0]


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
    params = known_filters(params)
    return _with_fallback(
        lambda: elasticsearch_search(params), lambda: database_search(params), "search"
    )


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


@dataclass(frozen=True)
class IndexedCouncil:
    title: str
    is_example: bool


@dataclass(frozen=True)
class IndexedCaseStudy:
    """A case study as its index document shows it: what a card needs, without the database."""

    id: int
    url: str
    title: str
    summary: str
    status_label: str
    start_year: int | None
    budget_band_label: str
    council: IndexedCouncil | None

    @classmethod
    def from_source(cls, source):
        display = source.get("display") or {}
        council = display.get("council")
        return cls(
            id=source["page_id"],
            url=source.get("url") or "",
            title=source["title"],
            summary=source.get("summary") or "",
            status_label=STATUS_LABELS.get(source.get("status"), ""),
            start_year=source.get("start_year"),
            budget_band_label=display.get("budget_band_label") or "",
            council=(
                IndexedCouncil(council["name"], bool(council.get("is_example")))
                if council
                else None
            ),
        )


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
