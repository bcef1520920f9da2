"""The shape of the Elasticsearch request, checked with ``to_dict()`` (no cluster needed)."""

from search.faceted import (
    TOTAL_AGG,
    did_you_mean_search,
    distinct_words,
    facet_counts,
    related_search,
    request_bodies,
    text_query,
    total_hits,
)
from search.facets import FACETS
from search.params import SearchParams


def hits_body(query="", filters=None, sort="relevance", synonym_groups=()):
    params = SearchParams(query=query, filters=filters or {}, sort=sort)
    return request_bodies(params, synonym_groups)[0]


def counts_body(query="", filters=None):
    return request_bodies(SearchParams(query=query, filters=filters or {}))[1]


def test_text_query_is_fuzzy_in_prose_exact_in_names_with_phrase_boost_and_synonyms():
    """Words match the prose fuzzily and the names exactly; synonyms are OR'd phrases."""
    query = text_query("PB", ["participatory budgeting"])["bool"]
    fuzzy, exact, synonym = query["must"][0]["bool"]["should"]
    assert fuzzy["multi_match"]["fuzziness"] == "AUTO:4,12"
    assert set(fuzzy["multi_match"]["fields"]) == {"title^3", "summary^2", "body"}
    assert "fuzziness" not in exact["multi_match"]
    assert set(exact["multi_match"]["fields"]) == {
        "council_name",
        "partners",
        "approach_names",
        "theme_names",
        "tags",
    }
    assert synonym["multi_match"] == {
        **synonym["multi_match"],
        "query": "participatory budgeting",
        "type": "phrase",
    }
    assert query["should"][0]["multi_match"]["type"] == "phrase"
    assert query["should"][0]["multi_match"]["boost"] > 1


def test_request_bodies_split_hits_from_cacheable_counts():
    """Hits filter in the query and skip the total; counts ask for no hits and count selections."""
    params = SearchParams(query="cupboard", filters={"theme": ("food",)}, page=2)
    hits, counts = request_bodies(params)
    assert "aggs" not in hits and "post_filter" not in hits
    assert hits["track_total_hits"] is False
    assert hits["from"] == 20 and hits["size"] == 20
    assert hits["query"]["bool"]["filter"] == [{"terms": {"theme": ["food"]}}]
    assert counts["size"] == 0 and counts["track_total_hits"] is True
    assert counts["query"] == hits["query"]["bool"]["must"][0]
    assert counts["aggs"][TOTAL_AGG] == {"filter": {"terms": {"theme": ["food"]}}}
    assert "from" not in counts and "sort" not in counts and "highlight" not in counts


def test_the_total_comes_from_the_counts_answer():
    """With selections the total is the selection aggregation's count, else the hit total."""
    assert total_hits({"hits": {"total": {"value": 7}}}) == 7
    answer = {"hits": {"total": {"value": 7}}, "aggregations": {TOTAL_AGG: {"doc_count": 3}}}
    assert total_hits(answer) == 3


def test_empty_query_matches_everything_and_sorts_newest_first():
    """Without words there is no query clause (match_all) and the default sort is newest."""
    params = SearchParams.from_querydict(_querydict({}))
    body, counts = request_bodies(params)
    assert "query" not in body and "query" not in counts
    assert body["sort"][0] == {"first_published_at": {"order": "desc"}}
    assert body["from"] == 0 and body["size"] == 20


def test_facet_filters_narrow_hits_and_each_aggregation_ignores_its_own():
    """Selections filter the hits; each facet's counts skip its own selection."""
    filters = {"approach": ["volunteer-led", "co-production"], "theme": ["housing"]}
    hits_filter = hits_body(filters=filters)["query"]["bool"]["filter"]
    assert {"terms": {"approach": ["volunteer-led", "co-production"]}} in hits_filter
    assert {"terms": {"theme": ["housing"]}} in hits_filter
    aggs = counts_body(filters=filters)["aggs"]
    assert aggs["_filter_approach"]["filter"] == {
        "bool": {"filter": [{"terms": {"theme": ["housing"]}}]}
    }
    assert aggs["_filter_theme"]["filter"] == {
        "bool": {"filter": [{"terms": {"approach": ["volunteer-led", "co-production"]}}]}
    }
    assert len(aggs["_filter_budget"]["filter"]["bool"]["filter"]) == 2
    assert aggs[TOTAL_AGG]["filter"]["bool"]["filter"] == hits_filter


def test_facets_without_other_selections_are_counted_without_a_filter_wrapper():
    """A facet with no other facet selected is a top-level terms aggregation."""
    assert set(counts_body()["aggs"]) == set(FACETS)
    aggs = counts_body(filters={"approach": ["volunteer-led"]})["aggs"]
    assert "approach" in aggs and "_filter_approach" not in aggs
    assert {f"_filter_{name}" for name in FACETS if name != "approach"} <= set(aggs)


def test_every_facet_asks_for_enough_buckets():
    """Each facet aggregates on its keyword field with a size far above its vocabulary."""
    aggs = counts_body()["aggs"]
    for name, facet in FACETS.items():
        terms = aggs[name]["terms"]
        assert terms["field"] == facet.index_field
        assert terms["size"] >= 100
    assert FACETS["council"].size >= 5000


def test_facet_counts_are_read_wherever_each_facet_was_counted():
    """Counts come from top-level and filter-wrapped aggregations alike, keyed by text."""
    aggregations = {name: {"buckets": []} for name in FACETS}
    aggregations["_filter_council"] = {"council": {"buckets": [{"key": "york", "doc_count": 9}]}}
    aggregations["year"] = {"buckets": [{"key": 2019, "doc_count": 3}]}
    counts = facet_counts(aggregations)
    assert counts["council"] == {"york": 9}
    assert counts["year"] == {"2019": 3}
    assert counts["approach"] == {}


def test_budget_sorts_put_unknown_budgets_last():
    """budget_asc and budget_desc sort on the integer budget with missing values last."""
    for sort, order in (("budget_asc", "asc"), ("budget_desc", "desc")):
        first = hits_body(sort=sort)["sort"][0]
        assert first == {"budget": {"order": order, "missing": "_last"}}


def test_highlight_escapes_text_and_only_adds_mark():
    """Highlights use the html encoder with <mark> tags, so only <mark> reaches the page."""
    highlight = hits_body("cupboard")["highlight"]
    assert highlight["encoder"] == "html"
    assert highlight["pre_tags"] == ["<mark>"] and highlight["post_tags"] == ["</mark>"]
    assert set(highlight["fields"]) == {"summary", "body"}
    assert highlight["highlight_query"]["bool"]["should"][0]["multi_match"]["fields"] == [
        "summary",
        "body",
    ]


def test_did_you_mean_uses_the_phrase_suggester_on_the_shingle_field():
    """The suggestion request asks the phrase suggester on the shingle field, nothing else."""
    body = did_you_mean_search("comunity cupbord").to_dict()
    assert body["size"] == 0
    assert body["suggest"]["did_you_mean"]["text"] == "comunity cupbord"
    assert body["suggest"]["did_you_mean"]["phrase"]["field"] == "spell"


def test_repeated_words_are_dropped_and_long_queries_capped():
    """A pasted paragraph costs at most twelve distinct words of fuzzy matching."""
    query = text_query("cupboard " * 50)["bool"]["must"][0]["bool"]["should"][0]
    assert query["multi_match"]["query"] == "cupboard"
    many = " ".join(f"word{number}" for number in range(30))
    assert len(distinct_words(many).split()) == 12


def test_pagination_happens_in_elasticsearch():
    """Page 3 of 10 is from=20, size=10: only that page is fetched."""
    params = SearchParams.from_querydict(_querydict({"page": "3", "page_size": "10"}))
    body = request_bodies(params)[0]
    assert (body["from"], body["size"]) == (20, 10)


def test_related_search_scores_shared_vocabulary_and_title_words():
    """Related case studies share an approach (counted double), a theme or title words."""
    search = related_search(7, "Leek Community Cupboard", ["volunteer-led"], ["food-poverty"], 4)
    query = search.to_dict()["query"]["bool"]
    assert query["should"] == [
        {"terms": {"approach": ["volunteer-led"], "boost": 2}},
        {"terms": {"theme": ["food-poverty"]}},
        {"match": {"title": "Leek Community Cupboard"}},
    ]
    assert query["minimum_should_match"] == 1
    assert query["must_not"] == [{"ids": {"values": ["7"]}}]


def _querydict(data):
    from django.http import QueryDict

    querydict = QueryDict(mutable=True)
    for key, value in data.items():
        querydict[key] = value
    return querydict
