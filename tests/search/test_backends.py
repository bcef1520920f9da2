"""One contract suite run against both search backends: same return types, same counts."""

from collections import Counter
from datetime import datetime

import pytest
from django.http import QueryDict

from casestudies.vocabulary import BUDGET_BANDS
from network_site.page_urls import UrlBuilder
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.client import Deadline
from search.openapi import SCHEMAS
from search.params import SearchParams
from search.results import CaseStudyCard, SearchResults

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

# The fields of one result, whichever backend answered: what the API documents.
RESULT_FIELDS = set(SCHEMAS["Result"]["required"])


@pytest.fixture(params=[ElasticsearchBackend, DatabaseBackend], ids=["elasticsearch", "database"])
def backend(request, indexed_corpus):
    """Each backend in turn, over the same corpus (indexed for Elasticsearch)."""
    return request.param()


def run(backend, query_string=""):
    return backend.search(SearchParams.from_querydict(QueryDict(query_string)), Deadline())


def counted(results, name):
    """{value: count} of facet ``name`` as shown, without the zero counts of selected values."""
    return {option["value"]: option["count"] for option in results.facets[name] if option["count"]}


def corpus_counts(pages):
    """The facet counts the corpus itself implies, counted from its pages."""
    return {
        "council": Counter(page.council.slug for page in pages),
        "status": Counter(page.status for page in pages),
        "budget": Counter(page.budget_band for page in pages if page.budget_band),
        "approach": Counter(term.slug for page in pages for term in page.approaches.all()),
        "theme": Counter(term.slug for page in pages for term in page.themes.all()),
        "year": Counter(str(page.start_year) for page in pages if page.start_year),
        "evidence": Counter(page.evidence_level for page in pages if page.evidence_level),
    }


def test_search_answers_search_results_of_one_shape(backend, indexed_corpus):
    """Either backend answers SearchResults named after itself, each result with the same fields."""
    results = run(backend, "page_size=50")
    assert isinstance(results, SearchResults)
    assert results.backend == backend.name
    assert results.total == len(indexed_corpus)
    assert {result["id"] for result in results.results} == {
        page.pk for page in indexed_corpus.values()
    }
    for result in results.results:
        assert set(result) == RESULT_FIELDS
        assert set(result["council"]) == set(SCHEMAS["Council"]["required"])


def test_both_backends_give_each_result_the_same_council(indexed_corpus):
    """Each result's council, the fictional example flag included, is the same from either."""
    councils = [
        {result["id"]: result["council"] for result in run(backend(), "page_size=50").results}
        for backend in (ElasticsearchBackend, DatabaseBackend)
    ]
    assert councils[0] == councils[1]
    examples = {page_id for page_id, council in councils[0].items() if council["is_example"]}
    assert examples == {indexed_corpus["vote"].pk}
    assert councils[0][indexed_corpus["vote"].pk]["name"] == "Exampleshire Council"


def test_results_carry_the_pages_publication_dates(backend, indexed_corpus):
    """Each result's published and updated are its page's first and last publication times."""
    pages = {page.pk: page for page in indexed_corpus.values()}
    for result in run(backend, "page_size=50").results:
        page = pages[result["id"]]
        page.refresh_from_db()
        assert datetime.fromisoformat(result["published"]) == page.first_published_at
        assert datetime.fromisoformat(result["updated"]) == page.last_published_at


def test_facet_counts_are_those_of_the_corpus(backend, indexed_corpus):
    """Both backends count every facet of the same corpus the same way."""
    results = run(backend)
    for name, expected in corpus_counts(list(indexed_corpus.values())).items():
        assert counted(results, name) == dict(expected), name


def test_a_facet_is_counted_without_its_own_selection(backend, indexed_corpus):
    """A selected status narrows the results and the other facets, not the status counts."""
    pages = list(indexed_corpus.values())
    running = [page for page in pages if page.status == "running"]
    results = run(backend, "status=running")
    assert results.total == len(running)
    assert counted(results, "status") == dict(corpus_counts(pages)["status"])
    assert counted(results, "council") == dict(corpus_counts(running)["council"])


def test_suggest_answers_titles_with_their_urls(backend, indexed_corpus):
    """A title prefix completes to the same title and URL from either backend."""
    deal = indexed_corpus["deal"]
    assert backend.suggest("The Wig") == [{"title": deal.title, "url": UrlBuilder()(deal.url_path)}]


def test_related_answers_case_study_cards(backend, indexed_corpus):
    """Related case studies come as the same CaseStudyCard, field for field, from either backend."""
    deal, vote = indexed_corpus["deal"], indexed_corpus["vote"]
    related = backend.related(deal, 4)
    assert all(type(card) is CaseStudyCard for card in related)
    assert related == [CaseStudyCard.from_page(vote, UrlBuilder())]


def test_evidence_filters_and_every_budget_band_is_listed(backend, indexed_corpus):
    """The evidence facet filters on either backend; bands counting nothing are listed at 0."""
    results = run(backend, "evidence=evaluated")
    assert [result["id"] for result in results.results] == [indexed_corpus["deal"].pk]
    assert counted(results, "evidence") == {"evaluated": 1, "monitored": 1, "self-reported": 1}
    budget = {option["value"]: option["count"] for option in results.facets["budget"]}
    assert list(budget) == [band.slug for band in BUDGET_BANDS]
    assert sum(budget.values()) == 1 and budget["over-1m"] == 0


def test_loosened_counts_what_removing_each_filter_gives(backend, indexed_corpus):
    """For a search finding nothing, each selected value's removal alone is counted."""
    params = SearchParams.from_querydict(
        QueryDict(
            "theme=democracy-participation&status=scaled-up&status=pilot&approach=volunteer-led"
        )
    )
    assert run(backend, params.url()[1:]).total == 0
    assert params.removals() == [
        ("approach", "volunteer-led"),
        ("theme", "democracy-participation"),
        ("status", "scaled-up"),
        ("status", "pilot"),
    ]
    assert backend.loosened(params, Deadline()) == [1, 1, 0, 0]
