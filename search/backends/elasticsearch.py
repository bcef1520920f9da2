"""Elasticsearch: ranked, typo-tolerant search, facet counts, completions and related cards."""

import logging

from ..client import Deadline
from ..errors import SEARCH_ERRORS, SearchPartError
from ..facet_display import build_facets
from ..faceted import (
    LOOSEN_AGG,
    did_you_mean_search,
    facet_counts,
    loosening_body,
    related_search,
    request_bodies,
    suggest_search,
    total_hits,
)
from ..index_names import alias_name
from ..labels import synonym_groups
from ..results import CaseStudyCard, SearchResults, best_snippet, result_from_source
from . import SUGGEST_SIZE, slugs_of

logger = logging.getLogger(__name__)

# Fewer hits than this and the spelling suggestion is offered.
FEW_RESULTS = 5


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


def related_from_index(page_id, title, approaches, themes, size, deadline):
    search = related_search(page_id, title, approaches, themes, size).using(deadline.client())
    response = search.execute().to_dict()
    return [CaseStudyCard.from_source(hit["_source"]) for hit in response["hits"]["hits"]]


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, params, deadline=None):
        return elasticsearch_search(params, deadline)

    def suggest(self, prefix):
        response = suggest_search(prefix, SUGGEST_SIZE).using(Deadline().client()).execute()
        options = response.suggest.titles[0].options
        return [{"title": option._source.title, "url": option._source.url} for option in options]

    def related(self, page, size):
        approaches, themes = slugs_of(page)
        return related_from_index(page.id, page.title, approaches, themes, size, Deadline())

    def loosened(self, params, deadline=None):
        (answer,), _took = run_searches(loosening_body(params, synonym_groups()), deadline=deadline)
        buckets = answer["aggregations"][LOOSEN_AGG]["buckets"]
        return [buckets[str(index)]["doc_count"] for index in range(len(params.removals()))]
