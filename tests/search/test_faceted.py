"""The Elasticsearch requests faceted.py builds, sent to the real node over a known corpus."""

import pytest
from django.http import QueryDict

from casestudies.vocabulary import Status
from search.backends.elasticsearch import run_searches
from search.faceted import (
    TOTAL_AGG,
    did_you_mean_search,
    distinct_words,
    facet_counts,
    related_search,
    request_bodies,
    total_hits,
)
from search.facets import FACETS
from search.params import SearchParams
from search.sync import sync_pages
from tests.helpers.pages import make_case_study


def params(query_string):
    return SearchParams.from_querydict(QueryDict(query_string))


def answered(query_string, synonym_groups=()):
    """The ids of the hits and the facet counts the node gives the two built bodies."""
    (hits, counts), _took = run_searches(*request_bodies(params(query_string), synonym_groups))
    ids = [hit["_source"]["page_id"] for hit in hits["hits"]["hits"]]
    return ids, facet_counts(counts["aggregations"]), total_hits(counts)


def ids_of(corpus, *names):
    return {corpus[name].pk for name in names}


@pytest.mark.elasticsearch
def test_selections_are_or_within_a_facet_and_and_across(indexed_corpus):
    """Two approaches give either's case studies; a theme then keeps those it has too."""
    either = "approach=volunteer-led&approach=participatory-budgeting"
    ids, _counts, total = answered(either)
    assert set(ids) == ids_of(indexed_corpus, "cupboard", "vote") and total == 2
    ids, _counts, total = answered(either + "&theme=democracy-participation")
    assert set(ids) == ids_of(indexed_corpus, "vote") and total == 1


@pytest.mark.elasticsearch
def test_each_facet_is_counted_under_every_selection_but_its_own(indexed_corpus):
    """Approach counts follow the theme chosen, theme counts the approaches, status both."""
    _ids, counts, _total = answered(
        "approach=volunteer-led&approach=participatory-budgeting&theme=democracy-participation"
    )
    assert counts["approach"] == {
        "participatory-budgeting": 1,
        "council-community-deal": 1,
        "asset-based-community-development": 1,
    }
    assert counts["theme"] == {"food-poverty": 1, "democracy-participation": 1}
    assert counts["status"] == {"pilot": 1}
    assert counts["council"] == {"exampleshire": 1}


@pytest.mark.elasticsearch
def test_without_selections_every_case_study_is_counted(indexed_corpus):
    """No words and no selections: every case study is a hit and counted in each facet."""
    ids, counts, total = answered("")
    assert set(ids) == {page.pk for page in indexed_corpus.values()} and total == 4
    assert sum(counts["council"].values()) == 4
    assert counts["status"] == {Status.RUNNING: 2, Status.SCALED: 1, Status.PILOT: 1}


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("cupbord", {"cupboard"}),  # a typo in the title
        ("villagez", {"cupboard"}),  # a typo in the summary
        ("grants", {"vote"}),  # a tag, as written
        ("grantz", set()),  # a typo in a tag: names match only as written
        ("NHS", {"deal"}),  # a partner
    ],
)
@pytest.mark.elasticsearch
def test_prose_forgives_typos_and_names_do_not(indexed_corpus, words, expected):
    """Title, summary and body match fuzzily; tags, partners and councils exactly."""
    ids, _counts, total = answered(f"q={words}")
    assert set(ids) == ids_of(indexed_corpus, *expected) and total == len(expected)


@pytest.mark.elasticsearch
def test_a_synonym_phrase_finds_what_the_words_alone_do_not(indexed_corpus):
    """With a group tying "shared shelf" to "community cupboard", the cupboard is found."""
    assert answered("q=shared+shelf")[0] == []
    groups = [["shared shelf", "community cupboard"]]
    assert answered("q=shared+shelf", groups)[0] == [indexed_corpus["cupboard"].pk]


@pytest.mark.elasticsearch
def test_the_words_in_the_order_typed_rank_first(search_index, corpus):
    """Of two case studies alike but for their titles' word order, the one as typed wins."""
    vote = corpus["vote"]
    shuffled = make_case_study(
        vote.council,
        "Vote: budget, neighbourhood",
        summary=vote.summary,
        approaches=["participatory-budgeting"],
        themes=["democracy-participation"],
        tags=["grants"],
    )
    sync_pages([page.pk for page in [*corpus.values(), shuffled]])
    ids, _counts, _total = answered("q=neighbourhood+budget+vote&sort=relevance")
    assert ids[:2] == [vote.pk, shuffled.pk]


@pytest.mark.elasticsearch
def test_a_shared_approach_counts_more_than_a_shared_theme(indexed_corpus):
    """Related to an approach and a theme: the case study with the approach comes first."""
    vote, cupboard = indexed_corpus["vote"], indexed_corpus["cupboard"]
    search = related_search(0, "zzz", ["participatory-budgeting"], ["food-poverty"], 4)
    assert [hit.page_id for hit in search.execute()] == [vote.pk, cupboard.pk]
    search = related_search(vote.pk, "zzz", ["participatory-budgeting"], ["food-poverty"], 4)
    assert [hit.page_id for hit in search.execute()] == [cupboard.pk]


@pytest.mark.elasticsearch
def test_did_you_mean_offers_the_corrected_phrase(indexed_corpus):
    """The phrase suggester corrects each misspelt word from the indexed text."""
    answer = did_you_mean_search("comunity cupbord").execute()
    assert answer.suggest.did_you_mean[0].options[0].text == "community cupboard"


def test_counts_do_not_depend_on_the_page_or_the_sort():
    """The counts body is the same whatever the page and sort, so the node's cache serves it."""
    first = request_bodies(params("q=food&theme=housing"))[1]
    later = request_bodies(params("q=food&theme=housing&page=3&sort=budget_desc"))[1]
    assert later == first
    assert first["size"] == 0


def test_the_page_of_hits_asks_for_no_counts():
    """The hits body has no aggregations and skips the exact total (the counts body has both)."""
    hits, counts = request_bodies(params("q=food&theme=housing"))
    assert "aggs" not in hits and hits["track_total_hits"] is False
    assert counts["track_total_hits"] is True


def test_a_facet_no_other_selection_narrows_is_counted_without_a_filter():
    """A filter wrapper costs the node several times its aggregation, so it is left out."""
    aggregations = request_bodies(params("approach=volunteer-led"))[1]["aggs"]
    assert "approach" in aggregations
    assert all(f"_filter_{name}" in aggregations for name in FACETS if name != "approach")


def test_every_facet_asks_for_more_buckets_than_it_has_values():
    """Each facet's bucket count is far above its vocabulary, councils above any network."""
    assert all(facet.size >= 100 for facet in FACETS.values())
    assert FACETS["council"].size >= 5000


def test_the_total_comes_from_the_counts_answer():
    """With selections the total is the selection aggregation's count, else the hit total."""
    assert total_hits({"hits": {"total": {"value": 7}}}) == 7
    answer = {"hits": {"total": {"value": 7}}, "aggregations": {TOTAL_AGG: {"doc_count": 3}}}
    assert total_hits(answer) == 3


def test_facet_counts_are_read_wherever_each_facet_was_counted():
    """Counts come from top-level and filter-wrapped aggregations alike, keyed by text."""
    aggregations = {name: {"buckets": []} for name in FACETS}
    aggregations["_filter_council"] = {"council": {"buckets": [{"key": "york", "doc_count": 9}]}}
    aggregations["year"] = {"buckets": [{"key": 2019, "doc_count": 3}]}
    counts = facet_counts(aggregations)
    assert counts["council"] == {"york": 9}
    assert counts["year"] == {"2019": 3}
    assert counts["approach"] == {}


def test_repeated_words_are_dropped_and_long_queries_capped():
    """A pasted paragraph costs at most twelve distinct words of fuzzy matching."""
    assert distinct_words("cupboard " * 50) == "cupboard"
    many = " ".join(f"word{number}" for number in range(30))
    assert distinct_words(many).split() == [f"word{number}" for number in range(12)]
