"""Facet options: a stable order per facet, every budget band listed, nothing for no value."""

import pytest
from django.http import QueryDict

from casestudies.vocabulary import BUDGET_BANDS, strongest_evidence
from search import facet_display
from search.params import SearchParams

BANDS = [band.slug for band in BUDGET_BANDS]


def options(counts, query_string=""):
    params = SearchParams.from_querydict(QueryDict(query_string))
    return facet_display.build_facets(counts, params)


def test_councils_go_by_count_and_years_newest_first():
    """The open-ended council list is most frequent first (ties by value, unmatched selections
    last); years are newest first."""
    counted = {"wigan": 2, "leek": 2, "york": 5}
    assert facet_display.ordered_values("council", counted, ("zeta", "leek"), {}) == [
        "york",
        "leek",
        "wigan",
        "zeta",
    ]
    assert facet_display.ordered_values("year", {"2019": 1, "2024": 1}, ("2021",), {}) == [
        "2024",
        "2021",
        "2019",
    ]


def test_vocabulary_terms_keep_their_name_order_whatever_the_counts():
    """Approaches are listed by name, so a count changing never moves one."""
    named = {"zz": "Youth panels", "aa": "Asset-based", "mm": "Mutual aid"}
    assert facet_display.ordered_values("approach", {"zz": 9, "aa": 1}, ("mm",), named) == [
        "aa",
        "mm",
        "zz",
    ]


@pytest.mark.django_db
def test_every_budget_band_is_listed_in_band_order_those_counting_nothing_at_zero():
    """Bands that find nothing stay listed (at 0) in band order, a selected one included."""
    budget = options({"budget": {"over-1m": 9, "under-10k": 1}}, "budget=10k-50k")["budget"]
    assert [option["value"] for option in budget] == BANDS
    assert {option["value"]: option["count"] for option in budget} == {
        **dict.fromkeys(BANDS, 0),
        "over-1m": 9,
        "under-10k": 1,
    }
    assert [option["value"] for option in budget if option["selected"]] == ["10k-50k"]


@pytest.mark.django_db
def test_evidence_lists_every_level_strongest_first_and_drops_no_value():
    """The evidence facet lists its three levels strongest first; '' (no outcomes) is no option."""
    evidence = options({"evidence": {"": 4, "monitored": 2}})["evidence"]
    assert [(option["value"], option["count"]) for option in evidence] == [
        ("evaluated", 0),
        ("monitored", 2),
        ("self-reported", 0),
    ]
    assert evidence[0]["label"] == "Independently evaluated"


def test_strongest_evidence_picks_the_highest_level():
    """Evaluated beats monitored beats self-reported; nothing known gives ''."""
    assert strongest_evidence(["self-reported", "evaluated", "monitored"]) == "evaluated"
    assert strongest_evidence(["self-reported"]) == "self-reported"
    assert strongest_evidence(["made-up"]) == ""
    assert strongest_evidence([]) == ""
