"""Building the Elasticsearch requests: full text with synonyms, facets, sorts, highlights.

A search is two bodies sent in one ``_msearch`` (``request_bodies``): the page of hits, and
the counts. Multi-select facets are OR within a facet and AND across facets, and each
facet's counts ignore its own selection: its aggregation is filtered by every *other*
facet's selection. The bodies are plain dicts: building them through the DSL's
``FacetedSearch`` cost more than a millisecond a search (docs/benchmarks.md).
"""

from elasticsearch.dsl import Q, Search

from casestudies.documents import SPELL_FIELD

from .client import get_search_client
from .facets import FACETS
from .index_names import alias_name
from .synonyms import synonym_phrases

# Typos are forgiven in the prose; names (councils, partners, vocabulary, tags) must match as
# written, give or take word forms: a fuzzy automaton per word and field was most of the cost
# of a search at 100,000 case studies (docs/benchmarks.md).
FUZZY_FIELDS = ["title^3", "summary^2", "body"]
EXACT_FIELDS = ["council_name", "partners", "approach_names", "theme_names", "tags"]
TEXT_FIELDS = FUZZY_FIELDS + EXACT_FIELDS
# One typo in a word of 4 to 11 letters, two from 12: two-edit automata for everyday words
# ("volunteers") doubled the cost of a search and found nothing one edit missed.
FUZZINESS = "AUTO:4,12"
PHRASE_FIELDS = ["title^3", "summary^2", "approach_names", "theme_names"]
PHRASE_BOOST = 2
MAX_WORDS = 12
HIGHLIGHT_FIELDS = ["summary", "body"]
# What a related case study's card shows (results.CaseStudyCard).
RELATED_SOURCE = ["page_id", "url", "title", "summary", "status", "start_year", "display"]
# The aggregation that counts results when facet values are selected.
TOTAL_AGG = "_selected"
# The aggregation that counts what removing each selected value would give.
LOOSEN_AGG = "_without"
# What a result shows (results.result_from_source): the rest of a document stays on the node.
RESULT_SOURCE = [
    "page_id",
    "title",
    "url",
    "summary",
    "display",
    "budget",
    "budget_band",
    "status",
    "start_year",
    "first_published_at",
    "last_published_at",
]

# Ties broken by recency, then id, so paging is stable.
TIE_BREAK = [{"first_published_at": {"order": "desc"}}, {"page_id": {"order": "desc"}}]
SORTS = {
    "relevance": ["_score", *TIE_BREAK],
    "newest": TIE_BREAK,
    "budget_asc": [{"budget": {"order": "asc", "missing": "_last"}}, *TIE_BREAK],
    "budget_desc": [{"budget": {"order": "desc", "missing": "_last"}}, *TIE_BREAK],
}


def distinct_words(query):
    """The query with repeated words dropped and at most ``MAX_WORDS`` kept.

    Each word costs a fuzzy automaton per field, so a pasted paragraph must not cost seconds.
    """
    words = list(dict.fromkeys(query.split()))
    return " ".join(words[:MAX_WORDS])


def multi_match(query, fields, **options):
    return {"multi_match": {"query": query, "fields": fields, **options}}


def text_query(query, synonyms=()):
    """The words (fuzzy in the prose), OR each synonym phrase; exact phrases score higher."""
    words = distinct_words(query)
    fuzzy = multi_match(
        words, FUZZY_FIELDS, fuzziness=FUZZINESS, prefix_length=1, max_expansions=20
    )
    exact = multi_match(words, EXACT_FIELDS)
    alternatives = [multi_match(phrase, TEXT_FIELDS, type="phrase") for phrase in synonyms]
    phrase = multi_match(query, PHRASE_FIELDS, type="phrase", boost=PHRASE_BOOST)
    matches = {"bool": {"should": [fuzzy, exact, *alternatives], "minimum_should_match": 1}}
    return {"bool": {"must": [matches], "should": [phrase]}}


def selection_filters(params):
    """One ``terms`` filter per facet with selected values."""
    return {
        name: {"terms": {FACETS[name].index_field: list(values)}}
        for name, values in params.filters.items()
        if values
    }


def facet_aggregations(params, selections):
    """Count each facet under every *other* facet's filter, at the top level when none.

    A ``filter`` wrapper around a terms aggregation costs Elasticsearch three to four times
    the aggregation itself, even when it matches everything (docs/benchmarks.md).
    """
    aggs = {}
    for name, facet in FACETS.items():
        counted = {name: {"terms": {"field": facet.index_field, "size": facet.size}}}
        others = [query for other, query in selections.items() if other != name]
        if others:
            aggs[f"_filter_{name}"] = {"filter": {"bool": {"filter": others}}, "aggs": counted}
        else:
            aggs.update(counted)
    return aggs


def highlight(params, synonyms):
    """Escaped snippets with only ``<mark>`` added, marking the words as typed and synonyms."""
    options = {
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "fragment_size": 200,
        "number_of_fragments": 1,
        # The summary always comes back (escaped), marked up where it matched.
        "fields": {"summary": {"no_match_size": 200}, "body": {}},
    }
    if params.query:
        # Exact (stemmed) words on the highlighted fields only: the highlighter would
        # otherwise rebuild every fuzzy automaton for every hit.
        words = multi_match(distinct_words(params.query), HIGHLIGHT_FIELDS)
        phrases = [multi_match(phrase, HIGHLIGHT_FIELDS, type="phrase") for phrase in synonyms]
        options["highlight_query"] = {"bool": {"should": [words, *phrases]}}
    return options


def request_bodies(params, synonym_groups=()):
    """Two request bodies for one ``_msearch``: the page of hits, and the counts.

    The counts (facets and the total) ask for no hits, so Elasticsearch's shard request cache
    keeps them until the index next changes: another page, another sort or the same search
    again reuse them. The hits request then needs no total, so it may skip documents that
    cannot make the page. Pagination happens in Elasticsearch (``from``/``size``).
    """
    synonyms = synonym_phrases(params.query, synonym_groups) if params.query else []
    query = text_query(params.query, synonyms) if params.query else None
    selections = selection_filters(params)
    hits = {
        "_source": RESULT_SOURCE,
        "from": params.offset,
        "size": params.page_size,
        "sort": SORTS[params.sort],
        "track_total_hits": False,
        "highlight": highlight(params, synonyms),
    }
    counts = {"size": 0, "track_total_hits": True, "aggs": facet_aggregations(params, selections)}
    if query:
        hits["query"] = counts["query"] = query
    if selections:
        filters = list(selections.values())
        hits["query"] = {"bool": {"must": [query or {"match_all": {}}], "filter": filters}}
        selected = filters[0] if len(filters) == 1 else {"bool": {"filter": filters}}
        counts["aggs"][TOTAL_AGG] = {"filter": selected}
    return hits, counts


def loosening_body(params, synonym_groups=()):
    """One count request: the results each selected value's removal alone would give, keyed
    by its position in ``params.removals()`` (a ``filters`` aggregation, one filter each)."""
    synonyms = synonym_phrases(params.query, synonym_groups) if params.query else []
    filters = {
        str(index): {"bool": {"filter": list(selection_filters(params.minus(*pair)).values())}}
        for index, pair in enumerate(params.removals())
    }
    body = {
        "size": 0,
        "track_total_hits": False,
        "aggs": {LOOSEN_AGG: {"filters": {"filters": filters}}},
    }
    if params.query:
        body["query"] = text_query(params.query, synonyms)
    return body


def facet_counts(aggregations):
    """``{facet: {value: count}}`` from the counts answer, wherever each facet was counted."""
    return {
        name: {
            str(bucket["key"]): bucket["doc_count"]
            for bucket in aggregations.get(f"_filter_{name}", aggregations)[name]["buckets"]
        }
        for name in FACETS
    }


def total_hits(counts):
    """The number of results, from the answer to the counts request of ``request_bodies``."""
    selected = counts.get("aggregations", {}).get(TOTAL_AGG)
    return selected["doc_count"] if selected else counts["hits"]["total"]["value"]


def did_you_mean_search(query):
    """A phrase-suggester request, sent only when a query found little."""
    search = Search(using=get_search_client(), index=alias_name()).extra(size=0)
    return search.suggest(
        "did_you_mean",
        distinct_words(query),
        phrase={
            "field": SPELL_FIELD,
            "size": 1,
            "max_errors": 2,
            "direct_generator": [{"field": SPELL_FIELD, "suggest_mode": "always"}],
        },
    )


def suggest_search(prefix, size):
    """Title completions for autocomplete."""
    search = Search(using=get_search_client(), index=alias_name())
    search = search.source(["title", "url"]).extra(size=0)
    return search.suggest(
        "titles",
        prefix,
        completion={"field": "title_suggest", "size": size, "skip_duplicates": True},
    )


def related_search(page_id, title, approaches, themes, size):
    """Case studies like ``page_id``: shared approaches (counted double), themes, title words.

    Not more_like_this: its 25 common terms over five fields score most of the index, many
    times the work of these few clauses (docs/benchmarks.md).
    """
    shared = [
        Q("terms", approach=list(approaches), boost=2),
        Q("terms", theme=list(themes)),
        Q("match", title=title),
    ]
    search = Search(using=get_search_client(), index=alias_name())
    search = search.query(
        Q("bool", should=shared, minimum_should_match=1, must_not=[Q("ids", values=[str(page_id)])])
    )
    return search.source(RELATED_SOURCE).extra(size=size, track_total_hits=False)
