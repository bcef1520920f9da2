"""Building the Elasticsearch query: full text with synonyms, facets, sorts, highlights.

Facet counts come from FacetedSearch's design: the facet filters go into ``post_filter`` and
each facet's aggregation is filtered by every *other* facet, so multi-select is OR within a
facet, AND across facets, and each facet's counts ignore its own selection.
"""

import re

from elasticsearch.dsl import FacetedSearch, Q, Search, TermsFacet
from elasticsearch.dsl.faceted_search import FacetedResponse

from casestudies.documents import SPELL_FIELD, alias_name

from .client import get_search_client
from .params import FACET_FIELDS

TEXT_FIELDS = [
    "title^3",
    "summary^2",
    "body",
    "council_name",
    "partners",
    "approach_names",
    "theme_names",
    "tags",
]
PHRASE_FIELDS = ["title^3", "summary^2", "approach_names", "theme_names"]
PHRASE_BOOST = 2
# Enough buckets for every value a facet can take: councils are the long tail.
FACET_SIZES = {"council": 5000, "year": 500, "approach": 1000, "theme": 1000}
DEFAULT_FACET_SIZE = 100
MAX_SYNONYM_PHRASES = 10
MAX_WORDS = 12
HIGHLIGHT_FIELDS = ["summary", "body"]
SOURCE_EXCLUDES = ["body", "spell", "title_suggest", "content_hash", "partners", "tags"]

# Ties broken by recency, then id, so paging is stable.
TIE_BREAK = [{"first_published_at": {"order": "desc"}}, {"page_id": {"order": "desc"}}]
SORTS = {
    "relevance": ["_score", *TIE_BREAK],
    "newest": TIE_BREAK,
    "budget_asc": [{"budget": {"order": "asc", "missing": "_last"}}, *TIE_BREAK],
    "budget_desc": [{"budget": {"order": "desc", "missing": "_last"}}, *TIE_BREAK],
}


def synonym_phrases(query, groups):
    """Other phrasings of the words in ``query``, from the staff-edited synonym groups.

    ``groups`` is a list of term lists; a group applies when one of its terms occurs in the
    query as whole words (case-insensitive), and then every other term of the group is added.
    """
    lowered = query.lower()
    phrases = []
    for terms in groups:
        present = [
            term for term in terms if re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", lowered)
        ]
        if present:
            phrases.extend(term for term in terms if term not in present)
    unique = list(dict.fromkeys(phrase for phrase in phrases if phrase.lower() != lowered))
    return unique[:MAX_SYNONYM_PHRASES]


def distinct_words(query):
    """The query with repeated words dropped and at most ``MAX_WORDS`` kept.

    Each word costs a fuzzy automaton per field, so a pasted paragraph must not cost seconds.
    """
    words = list(dict.fromkeys(query.split()))
    return " ".join(words[:MAX_WORDS])


def text_query(query, synonyms=()):
    """Fuzzy multi_match on the words, OR each synonym phrase; exact phrases score higher."""
    words = Q(
        "multi_match",
        query=distinct_words(query),
        fields=TEXT_FIELDS,
        fuzziness="AUTO",
        prefix_length=1,
        max_expansions=20,
    )
    alternatives = [
        Q("multi_match", query=phrase, type="phrase", fields=TEXT_FIELDS) for phrase in synonyms
    ]
    matches = Q("bool", should=[words, *alternatives], minimum_should_match=1)
    phrase = Q("multi_match", query=query, type="phrase", fields=PHRASE_FIELDS, boost=PHRASE_BOOST)
    return Q("bool", must=[matches], should=[phrase])


class CaseStudySearch(FacetedSearch):
    """One search request: text, facets, sort, highlight and a spelling suggestion."""

    fields = TEXT_FIELDS
    facets = {
        name: TermsFacet(field=field, size=FACET_SIZES.get(name, DEFAULT_FACET_SIZE))
        for name, field in FACET_FIELDS.items()
    }

    def __init__(self, query="", filters=None, sort="relevance", synonyms=()):
        self.synonyms = list(synonyms)
        super().__init__(query or None, filters or {}, SORTS[sort])

    def search(self):
        search = Search(using=get_search_client(), index=alias_name())
        search = search.source(excludes=SOURCE_EXCLUDES).extra(track_total_hits=True)
        return search.response_class(FacetedResponse)

    def query(self, search, query):
        return search.query(text_query(query, self.synonyms))

    def highlight(self, search):
        options = {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fragment_size": 200,
            "number_of_fragments": 1,
        }
        if self._query:
            # Exact (stemmed) words on the highlighted fields only: the highlighter would
            # otherwise rebuild every fuzzy automaton for every hit (~20 ms a result).
            options["highlight_query"] = Q(
                "bool",
                should=[
                    Q("multi_match", query=distinct_words(self._query), fields=HIGHLIGHT_FIELDS),
                    *(
                        Q("multi_match", query=phrase, type="phrase", fields=HIGHLIGHT_FIELDS)
                        for phrase in self.synonyms
                    ),
                ],
            ).to_dict()
        search = search.highlight_options(**options)
        # The summary always comes back (escaped), marked up where it matched.
        return search.highlight("summary", no_match_size=200).highlight("body")


def build_search(params, synonyms=()):
    """A ready-to-run ``CaseStudySearch`` for validated ``SearchParams``, paginated in ES."""
    faceted = CaseStudySearch(
        params.query,
        {name: list(values) for name, values in params.filters.items() if values},
        params.sort,
        synonym_phrases(params.query, synonyms) if params.query else (),
    )
    return faceted[params.offset : params.offset + params.page_size]


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


def related_search(page_id, approaches, themes, size):
    """Case studies like ``page_id``: more_like_this on the text, plus shared approach/theme."""
    like = Q(
        "more_like_this",
        fields=["title", "summary", "body", "approach_names", "theme_names"],
        like=[{"_index": alias_name(), "_id": str(page_id)}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
    )
    shared = [Q("terms", approach=list(approaches), boost=2), Q("terms", theme=list(themes))]
    search = Search(using=get_search_client(), index=alias_name())
    search = search.query(
        Q(
            "bool",
            should=[like, *shared],
            minimum_should_match=1,
            must_not=[Q("ids", values=[str(page_id)])],
        )
    )
    return search.source(["page_id"]).extra(size=size)
