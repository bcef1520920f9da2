"""The database fallback answers with the index's totals and facet counts when the node is down."""

import random

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casestudies.models import CaseStudyPage
from search import breaker, database
from search.client import get_search_client
from search.labels import synonym_groups
from search.params import SearchParams
from search.stop_words import ELASTICSEARCH_ENGLISH_STOP_WORDS
from search.sync import sync_pages
from tests.factories import CouncilPageFactory
from tests.helpers.database import on_postgresql
from tests.helpers.facets import query_string, random_filters
from tests.helpers.pages import make_case_study

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

QUERIES = [
    {},
    {"q": "volunteer"},
    {"q": "PB"},
    {"theme": "democracy-participation"},
    {"approach": ["volunteer-led", "participatory-budgeting"], "region": "south-west"},
    {"budget": ["not-stated", "10k-50k"], "status": ["running", "pilot"]},
    {"council": "york", "year": "2021"},
    {"year": "not-a-year"},
    {"council_type": "county", "sort": "budget_desc", "page_size": "1", "page": "1"},
]


def answers(queries):
    client = Client()
    return [client.get("/api/search/", query).json() for query in queries]


def test_database_answers_with_the_same_totals_and_facets(indexed_corpus, closed_port, settings):
    """For filters and simple words, the ORM gives the totals and counts the index gives."""
    from_index = answers(QUERIES)
    assert {answer["backend"] for answer in from_index} == {"elasticsearch"}
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    get_search_client.cache_clear()
    breaker.reset()
    from_database = answers(QUERIES)
    assert {answer["backend"] for answer in from_database} == {"database"}
    for query, index_answer, database_answer in zip(
        QUERIES, from_index, from_database, strict=True
    ):
        assert database_answer["total"] == index_answer["total"], query
        assert database_answer["facets"] == index_answer["facets"], query
    get_search_client.cache_clear()


def test_database_results_have_the_same_shape_and_order(indexed_corpus, node_down):
    """Fallback results carry the same keys; newest first, unknown budgets last."""
    data = Client().get("/api/search/", {"sort": "budget_asc"}).json()
    assert [result["budget"] for result in data["results"]] == [25_000, None, None, None]
    newest = Client().get("/api/search/").json()["results"]
    assert newest[0]["title"] == "Neighbourhood budget vote"
    assert newest[0]["council"] == {
        "slug": "exampleshire",
        "name": "Exampleshire Council",
        "is_example": True,
    }


def test_database_paginates_in_the_database(
    indexed_corpus, node_down, django_assert_max_num_queries
):
    """page_size=1&page=3 gives the third result and the full total, in few queries."""
    with django_assert_max_num_queries(20):
        data = Client().get("/api/search/", {"page_size": "1", "page": "3"}).json()
    assert (data["total"], data["pages"], len(data["results"])) == (4, 4, 1)
    assert data["results"][0]["title"] == "Volunteer health champions"


def test_fallback_highlights_are_escaped(search_index, corpus, node_down):
    """The database's snippets escape content and only add <mark>."""
    page = corpus["cupboard"]
    page.summary = "Fresh fruit <b>bags</b> & veg"
    page.save_revision().publish()
    highlight = Client().get("/api/search/", {"q": "fruit"}).json()["results"][0]["highlight"]
    assert highlight == "Fresh <mark>fruit</mark> &lt;b&gt;bags&lt;/b&gt; &amp; veg"


def test_search_page_shows_a_notice_when_the_node_is_down(indexed_corpus, node_down):
    """Visitors see results and a notice that search is in a simpler mode."""
    response = Client().get("/search/", {"q": "cupboard"})
    assert response.status_code == 200
    assert b"simpler mode" in response.content
    assert b"Leek Community Cupboard" in response.content


def test_suggest_falls_back_to_title_prefixes(indexed_corpus, node_down):
    """Autocomplete keeps working from the database."""
    data = Client().get("/api/search/suggest/", {"q": "Leek"}).json()
    assert data["backend"] == "database"
    assert [item["title"] for item in data["suggestions"]] == ["Leek Community Cupboard"]


def test_a_node_that_hangs_costs_one_timeout_then_the_breaker_opens(indexed_corpus, settings):
    """A node that accepts but never answers delays one request; the next skip it at once."""
    import socket
    import time

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.ELASTICSEARCH_TIMEOUT = 0.5
        get_search_client.cache_clear()
        breaker.reset()
        client = Client()
        started = time.perf_counter()
        assert client.get("/api/search/").json()["backend"] == "database"
        first = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(5):
            assert client.get("/api/search/").json()["backend"] == "database"
        later = (time.perf_counter() - started) / 5
    get_search_client.cache_clear()
    breaker.reset()
    assert first >= 0.5
    assert later < 0.5
    sync_pages([])  # the real node again: nothing queued, nothing to do


def fallback(query, **params):
    """The API's answer from the database fallback (a test also asks for ``node_down``)."""
    data = Client().get("/api/search/", {"q": query, **params}).json()
    assert data["backend"] == "database"
    return data


def titles(data):
    return [result["title"] for result in data["results"]]


@on_postgresql
def test_postgresql_fallback_finds_word_forms_in_the_body(indexed_corpus, node_down):
    """'activity' finds the body's 'activities' above the theme 'Physical activity': stemmed."""
    assert titles(fallback("activity", sort="relevance")) == [
        "Leek Community Cupboard",
        "Volunteer health champions",
    ]
    assert set(titles(fallback("volunteers"))) == {
        "Leek Community Cupboard",
        "Volunteer health champions",
    }


@on_postgresql
def test_postgresql_fallback_ranks_a_title_match_above_a_body_match(search_index, node_down):
    """By relevance the older page with the word in its title comes before a newer body match."""
    council = CouncilPageFactory()
    make_case_study(council, "Allotment share", summary="Growing together.")
    make_case_study(council, "Orchard rota", summary="Fruit trees.", body="Next to an allotment.")
    assert titles(fallback("allotment", sort="relevance")) == ["Allotment share", "Orchard rota"]
    assert titles(fallback("allotment", sort="newest")) == ["Orchard rota", "Allotment share"]


@on_postgresql
def test_postgresql_fallback_honours_web_search_syntax(indexed_corpus, node_down):
    """Quoted words must be adjacent and in order; '-word' excludes the pages that have it."""
    assert titles(fallback('"community cupboard"')) == ["Leek Community Cupboard"]
    assert fallback('"cupboard community"')["total"] == 0
    assert titles(fallback("volunteer -health")) == ["Leek Community Cupboard"]
    assert set(titles(fallback("nhs or cupboard"))) == {"The Wigan Deal", "Leek Community Cupboard"}


AWKWARD_QUERIES = [
    '"',
    "-",
    "OR",
    "or or",
    "!",
    "&|!:*()'",
    "\\",
    '"unclosed phrase',
    "cupboard -",
    "-cupboard",
    "a" * 200,
    ("volunteer " * 20).strip(),
]


def test_fallback_answers_awkward_text(indexed_corpus, node_down):
    """Operators, lone quotes, bare OR and long words: an answer from the API and the page."""
    client = Client()
    for query in AWKWARD_QUERIES:
        response = client.get("/api/search/", {"q": query})
        assert response.status_code == 200, (query, response.content[:300])
        assert response.json()["backend"] == "database"
        assert client.get("/search/", {"q": query}).status_code == 200, query


def test_fallback_refuses_overlong_words_with_a_message(indexed_corpus, node_down):
    """A 500-character word is a 400 that says the limit, on the API and on the page."""
    client = Client()
    for query in ["a" * 500, "volunteer " * 60]:
        response = client.get("/api/search/", {"q": query})
        assert response.status_code == 400
        assert response.json()["error"] == "Search words can be at most 200 characters long."
        page = client.get("/search/", {"q": query})
        assert page.status_code == 400
        assert "at most 200 characters" in page.content.decode()


def test_fallback_drops_a_nul_byte(indexed_corpus, node_down):
    """A %00 in the query is dropped before it reaches the database, which would refuse it."""
    response = Client().get("/api/search/?q=cupboard%00")
    assert response.status_code == 200
    assert [result["title"] for result in response.json()["results"]] == ["Leek Community Cupboard"]
    alone = Client().get("/api/search/?q=%00")
    assert alone.status_code == 200
    assert alone.json()["backend"] == "database"


@on_postgresql
def test_postgresql_counts_every_facet_and_the_total_in_one_query(indexed_corpus, node_down):
    """On PostgreSQL the eight facet counts and the total come from a single statement."""
    params = SearchParams.from_querydict(QueryDict("q=volunteer&region=north-west"))
    with CaptureQueriesContext(connection) as queries:
        page = database.search(params, synonym_groups())
    counting = [query for query in queries if "count(" in query["sql"].lower()]
    assert len(counting) == 1
    assert page.total == 0
    assert page.counts["region"] == {"yorkshire-humber": 1, "west-midlands": 1}


@on_postgresql
def test_postgresql_counts_match_one_query_per_facet(random_corpus):
    """For random selections, with and without words, the one-scan token counts equal the
    per-facet ORM counts over the pages themselves."""
    rng = random.Random(7)
    everything = database.search(SearchParams(), []).counts
    facets = {name: [{"value": value} for value in values] for name, values in everything.items()}
    compared = 0
    for query in ["", "random", "project -7", "nothing-like-this"] * 4:
        filters = random_filters(rng, facets)
        if rng.random() < 0.2:
            filters["year"] = ["2019", "not-a-year"]
        params = SearchParams.from_querydict(QueryDict(query_string(filters, q=query)))
        base = CaseStudyPage.objects.live().public()
        if query:
            words = SearchQuery(query, search_type="websearch", config="english")
            base = base.filter(search_text__vector=words)
        selections = {
            name: database.facet_q(name, values)
            for name, values in params.filters.items()
            if values
        }
        expected = database.count_separately(base, selections)
        counted = database.TokenQuery(params.query, [], params.filters).counts()
        assert counted == expected, (query, filters)
        compared += sum(map(len, expected[0].values()))
    assert compared > 200


@on_postgresql
@pytest.mark.parametrize("sort", ["newest", "budget_asc", "budget_desc"])
def test_postgresql_pages_follow_the_orm_order_across_pages(random_corpus, sort):
    """Every page of ids sorted on the narrow table is the same slice as the ORM's order."""
    approach = random_corpus[0].approaches.first().slug
    params = SearchParams.from_querydict(QueryDict(f"sort={sort}&approach={approach}"))
    expected = list(
        CaseStudyPage.objects.live()
        .public()
        .filter(database.facet_q("approach", [approach]))
        .order_by(*database.ORDERINGS[sort])
        .values_list("pk", flat=True)
    )
    tokens = database.TokenQuery("", [], params.filters)
    pages = [tokens.page_ids(sort, offset, 7) for offset in range(0, len(expected) + 7, 7)]
    assert len(expected) > 7
    assert [page_id for page in pages for page_id in page] == expected


@pytest.mark.elasticsearch
def test_the_stop_words_are_the_nodes_english_list(search_node):
    """The fallback drops exactly the words the node's ``_english_`` stop filter drops."""
    # Every word of the list, and common function words outside it that a careless copy
    # would add or drop.
    candidates = sorted(
        ELASTICSEARCH_ENGLISH_STOP_WORDS
        | set(
            [
                "about",
                "after",
                "all",
                "also",
                "am",
                "any",
                "because",
                "been",
                "before",
                "being",
                "both",
                "can",
                "could",
                "did",
                "do",
                "does",
                "each",
                "from",
                "had",
                "has",
                "have",
                "he",
                "her",
                "here",
                "him",
                "his",
                "how",
                "i",
                "its",
                "me",
                "more",
                "most",
                "my",
                "nor",
                "off",
                "once",
                "only",
                "other",
                "our",
                "out",
                "over",
                "own",
                "same",
                "she",
                "should",
                "so",
                "some",
                "than",
                "them",
                "those",
                "through",
                "too",
                "under",
                "until",
                "up",
                "very",
                "we",
                "were",
                "what",
                "when",
                "where",
                "which",
                "while",
                "who",
                "why",
                "would",
                "you",
                "your",
            ]
        )
    )
    tokens = get_search_client().indices.analyze(
        tokenizer="standard",
        filter=[{"type": "stop", "stopwords": "_english_"}],
        text=" ".join(candidates),
    )["tokens"]
    kept = {token["token"] for token in tokens}
    assert set(candidates) - kept == ELASTICSEARCH_ENGLISH_STOP_WORDS
