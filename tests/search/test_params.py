"""Validation of the public search parameters."""

import pytest
from django.http import QueryDict

from search.params import InvalidSearch, SearchParams, clean_text


def parse(query_string):
    return SearchParams.from_querydict(QueryDict(query_string))


def test_defaults_follow_the_query():
    """Without words the sort is newest, with words relevance; page 1 of 20."""
    assert (parse("").sort, parse("q=food").sort) == ("newest", "relevance")
    assert (parse("").page, parse("").page_size) == (1, 20)


@pytest.mark.parametrize(
    "query_string",
    [
        "page=0",
        "page=abc",
        "page=-1",
        "page=1.5",
        "page_size=51",
        "page_size=0",
        "sort=cheapest",
        "page=٣",
        "page=1001",
    ],
)
def test_invalid_page_page_size_or_sort_is_refused_with_a_message(query_string):
    """Bad page, page_size or sort raise InvalidSearch saying what is allowed."""
    with pytest.raises(InvalidSearch) as error:
        parse(query_string)
    assert str(error.value)


def test_facet_values_are_repeatable_deduplicated_and_cleaned():
    """Repeated facet parameters are kept in order, once each, without control characters."""
    params = parse(
        "approach=co-production&approach=volunteer-led&approach=co-production&theme=%00housing%07"
    )
    assert params.filters["approach"] == ("co-production", "volunteer-led")
    assert params.filters["theme"] == ("housing",)


def test_too_many_values_for_one_facet_is_refused():
    """More than 20 values for a facet is a clear error rather than a huge query."""
    assert len(parse("&".join(f"council=c{number}" for number in range(20))).filters["council"])
    with pytest.raises(InvalidSearch, match="at most 20 values for 'council'"):
        parse("&".join(f"council=c{number}" for number in range(21)))


def test_too_many_parameters_in_all_is_refused():
    """More than 40 parameter values in all, whatever their names, is a clear error."""
    parse("&".join(f"x{number}=1" for number in range(40)))
    with pytest.raises(InvalidSearch, match="at most 40 parameters"):
        parse("&".join(f"x{number}=1" for number in range(41)))


def test_too_long_a_query_is_refused_not_cut():
    """Search words over 200 characters (after cleaning) are an error, not silently cut."""
    assert len(parse("q=" + "x" * 200).query) == 200
    assert parse("q=" + "x" * 150 + "%20" * 100 + "y").query == "x" * 150 + " y"
    with pytest.raises(InvalidSearch, match="at most 200 characters"):
        parse("q=" + "x" * 201)


def test_clean_text_strips_control_characters_and_caps_length():
    """Control characters become spaces, whitespace collapses and the length is capped."""
    assert clean_text("food\x00\x1fbank\u200b  now", 200) == "food bank now"
    assert len(clean_text("x" * 500, 200)) == 200


def test_urls_round_trip_and_chips_remove_one_value():
    """A search's URL parses back to the same search; removing a chip keeps the rest."""
    params = parse("q=food&approach=a&approach=b&sort=budget_asc&page=2")
    assert parse(params.url()[1:]) == params
    assert parse(params.without("approach", "a")[1:]).filters["approach"] == ("b",)
    assert parse(params.without("approach", "a")[1:]).page == 1
