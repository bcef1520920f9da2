"""Search behaviour against the real node: language, synonyms, facets, sorts, highlights."""

import random

import pytest
from django.http import QueryDict
from django.test import Client

from network_site.page_urls import UrlBuilder
from search import database, service
from search.backends.elasticsearch import optional_did_you_mean
from search.client import Deadline
from search.labels import synonym_groups
from search.params import SearchParams
from search.results import CaseStudyCard
from search.sync import sync_pages
from tests.factories import SynonymFactory
from tests.helpers.facets import query_string, random_filters
from tests.helpers.timing import MARGIN, timed_get

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def run(query_string):
    results = service.search(SearchParams.from_querydict(QueryDict(query_string)))
    assert results.backend == "elasticsearch"
    return results


def titles(results):
    return [result["title"] for result in results.results]


@pytest.mark.parametrize("words", ["comunity cupbord", "cupboards", "Leek cupboard"])
def test_typos_and_word_forms_find_the_community_cupboard(indexed_corpus, words):
    """Misspellings and plurals still put Leek Community Cupboard first."""
    assert titles(run(f"q={words}"))[0] == "Leek Community Cupboard"


def test_volunteering_finds_volunteer_projects(indexed_corpus):
    """Hunspell stemming: 'volunteering' matches 'volunteer' and 'volunteers'."""
    found = titles(run("q=volunteering"))
    assert {"Volunteer health champions", "Leek Community Cupboard"} <= set(found)


@pytest.mark.parametrize(
    ("words", "expected"),
    [("PB", "Neighbourhood budget vote"), ("ABCD", "The Wigan Deal")],
)
def test_jargon_finds_what_it_stands_for(indexed_corpus, words, expected):
    """Seeded synonyms: PB finds participatory budgeting, ABCD asset-based community development."""
    assert titles(run(f"q={words}")) == [expected]


def test_synonyms_edited_by_staff_apply_to_the_next_search(indexed_corpus):
    """A synonym group added in the admin is used at query time, no reindex needed."""
    assert titles(run("q=shared+shelf")) == []
    SynonymFactory(terms="shared shelf, community cupboard")
    assert titles(run("q=shared+shelf")) == ["Leek Community Cupboard"]


def test_misspelt_query_offers_a_suggestion(indexed_corpus):
    """A query that finds little gets a 'did you mean' from the phrase suggester."""
    assert run("q=comunity+cupbord").suggestion == "community cupboard"
    assert run("").suggestion is None


def test_highlights_mark_matches_and_escape_everything_else(search_index, corpus):
    """Snippets carry <mark> around matches and escape HTML from the content."""
    page = corpus["cupboard"]
    page.summary = "<script>alert(1)</script> fruit & veg bags"
    page.save_revision().publish()
    sync_pages([page.pk])
    highlight = run("q=fruit").results[0]["highlight"]
    assert "<mark>fruit</mark>" in highlight
    assert "&lt;script&gt;" in highlight and "<script>" not in highlight
    assert highlight.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_sorts_order_by_budget_with_unknown_budgets_last(indexed_corpus):
    """budget_asc and budget_desc both put case studies without a budget at the end."""
    ascending = run("sort=budget_asc").results
    descending = run("sort=budget_desc").results
    assert ascending[0]["budget"] == 25_000 and descending[0]["budget"] == 25_000
    assert ascending[-1]["budget"] is None and descending[-1]["budget"] is None


def test_newest_is_the_default_without_words(indexed_corpus):
    """Without a query the most recently published case study comes first."""
    assert titles(run(""))[0] == "Neighbourhood budget vote"


def test_pages_are_cut_in_elasticsearch(indexed_corpus):
    """page_size=3 shows three results and two pages for four case studies."""
    first, second = run("page_size=3"), run("page_size=3&page=2")
    assert (first.total, first.pages, len(first.results), len(second.results)) == (4, 2, 3, 1)
    assert not set(titles(first)) & set(titles(second))


def test_unknown_facet_values_are_ignored(indexed_corpus):
    """A facet value that names nothing is dropped: not an error, not a filter, not echoed."""
    results = run("approach=no-such-approach&year=abc")
    assert results.total == run("").total == 4
    assert results.params.filters["approach"] == () and results.params.filters["year"] == ()
    assert all(
        not option["selected"] and option["value"] != "no-such-approach"
        for option in results.facets["approach"]
    )


def test_results_carry_key_facts_from_the_index(indexed_corpus):
    """Each result has its council, vocabulary, budget band, status and URL from the document."""
    result = run("q=Neighbourhood+budget+vote").results[0]
    page = indexed_corpus["vote"]
    assert result["id"] == page.id
    assert result["url"] == page.url
    assert result["council"] == {
        "slug": "exampleshire",
        "name": "Exampleshire Council",
        "is_example": True,
    }
    assert result["approaches"] == [
        {"slug": "participatory-budgeting", "name": "Participatory budgeting"}
    ]
    assert (result["budget"], result["budget_band"], result["status"], result["year"]) == (
        25_000,
        "10k-50k",
        "pilot",
        2021,
    )


def test_facet_counts_are_honest_for_random_filter_combinations(search_index, random_corpus):
    """Every count equals the total when that value is the facet's selection, and the DB's count."""
    sync_pages([page.pk for page in random_corpus])
    rng = random.Random(11)
    everything = run("")
    assert everything.total == 40
    checked = 0
    for _ in range(12):
        filters = random_filters(rng, everything.facets)
        results = run(query_string(filters))
        params = SearchParams.from_querydict(QueryDict(query_string(filters)))
        db_counts = database.search(params, synonym_groups()).counts
        for name, options in results.facets.items():
            for option in options:
                narrowed = {**filters, name: [option["value"]]}
                assert run(query_string(narrowed)).total == option["count"], (filters, name)
                assert db_counts[name].get(option["value"], 0) == option["count"]
                checked += 1
        assert results.total == database.search(params, synonym_groups()).total
    assert checked > 100


def test_multi_select_is_or_within_a_facet_and_and_across(search_index, random_corpus):
    """Two approaches give their union; adding a theme narrows to the intersection."""
    sync_pages([page.pk for page in random_corpus])
    facets = run("").facets
    first, second = (option["value"] for option in facets["approach"][:2])
    theme = facets["theme"][0]["value"]
    ids = {
        name: {r["id"] for r in run(query_string({"approach": [name]}, page_size="50")).results}
        for name in (first, second)
    }
    union = {
        r["id"] for r in run(query_string({"approach": [first, second]}, page_size="50")).results
    }
    assert union == ids[first] | ids[second]
    themed = run(query_string({"theme": [theme]}, page_size="50")).results
    both = run(query_string({"approach": [first, second], "theme": [theme]}, page_size="50"))
    assert {r["id"] for r in both.results} == union & {r["id"] for r in themed}


def test_related_case_studies_share_approach_or_theme(indexed_corpus):
    """The Wigan Deal's related list holds the other democracy case study, never itself."""
    related = service.related(indexed_corpus["deal"])
    ids = [case_study.id for case_study in related]
    assert indexed_corpus["vote"].pk in ids
    assert indexed_corpus["deal"].pk not in ids
    assert len(related) <= 4


def test_related_cards_come_from_the_index_without_database_queries(
    indexed_corpus, django_assert_num_queries
):
    """A related card carries what the page shows (title, URL, council, status, budget band)."""
    deal, vote = indexed_corpus["deal"], indexed_corpus["vote"]
    with django_assert_num_queries(2):  # The page's own approaches and themes.
        card = next(item for item in service.related(deal) if item.id == vote.pk)
    assert (card.title, card.url, card.summary) == (vote.title, vote.url, vote.summary)
    assert card.council.title == vote.council.title
    assert card.council.is_example == vote.council.is_example
    assert card.status_label == vote.get_status_display()
    assert card.budget_band_label == vote.budget_band_label
    assert card.start_year == vote.start_year


def test_related_case_studies_are_fetched_once_while_the_page_renders(indexed_corpus):
    """related_later starts the search at once; its answer is kept for every later use."""
    later = service.related_later(indexed_corpus["deal"])
    first = later()
    assert later() is first
    assert [card.id for card in first] == [
        card.id for card in service.related(indexed_corpus["deal"])
    ]


def test_related_case_studies_fall_back_to_the_database(indexed_corpus, node_down):
    """With the node down, related case studies come as the index's cards, from the database."""
    related = service.related(indexed_corpus["deal"])
    assert related == [CaseStudyCard.from_page(indexed_corpus["vote"], UrlBuilder())]


def test_case_study_page_lists_related_case_studies(indexed_corpus):
    """The case study page renders its related case studies from the index."""
    response = Client().get(indexed_corpus["deal"].url)
    assert response.status_code == 200
    assert b"Related case studies" in response.content
    assert b"Neighbourhood budget vote" in response.content


def test_a_node_just_under_the_timeout_costs_one_deadline_not_two_timeouts(
    indexed_corpus, search_proxy, settings
):
    """Results that use most of the deadline leave did-you-mean out; the page shows them in time."""
    settings.ELASTICSEARCH_TIMEOUT = settings.SEARCH_DEADLINE_SECONDS = 2.0
    search_proxy.delay = 1.5
    response, seconds = timed_get("/search/", {"q": "cupboard"})
    assert response.status_code == 200
    assert b"Leek Community Cupboard" in response.content
    assert b"simpler mode" not in response.content
    assert seconds < settings.SEARCH_DEADLINE_SECONDS + MARGIN


def test_did_you_mean_runs_when_the_deadline_leaves_time(indexed_corpus, search_proxy, settings):
    """A node slower than usual but well inside the deadline still gets asked for a suggestion."""
    settings.ELASTICSEARCH_TIMEOUT = settings.SEARCH_DEADLINE_SECONDS = 3
    search_proxy.delay = 0.3
    data = Client().get("/api/search/", {"q": "comunity cupbord"}).json()
    assert (data["backend"], data["suggestion"]) == ("elasticsearch", "community cupboard")


def test_a_node_slower_than_the_deadline_answers_from_the_database_in_time(
    indexed_corpus, search_proxy, settings
):
    """However long the client timeout, a search waits for the node no longer than its deadline."""
    settings.SEARCH_DEADLINE_SECONDS = 0.6
    search_proxy.delay = 3.0
    response, seconds = timed_get("/search/", {"q": "cupboard"})
    assert response.status_code == 200
    assert b"simpler mode" in response.content
    assert b"Leek Community Cupboard" in response.content
    assert seconds < settings.SEARCH_DEADLINE_SECONDS + MARGIN


def test_did_you_mean_past_the_deadline_costs_only_the_suggestion(
    indexed_corpus, search_proxy, settings
):
    """Did-you-mean outliving what is left of the deadline gives no suggestion, and no error."""
    search_proxy.delay = 2.0
    deadline = Deadline(0.3)
    assert optional_did_you_mean("comunity cupbord", deadline) is None
    assert deadline.elapsed() < deadline.seconds + MARGIN
    search_proxy.delay = 0
    assert optional_did_you_mean("comunity cupbord", Deadline(5)) == ("community cupboard")
