"""The embedding evaluation's scoring: recall and MRR from ranked titles."""

import pytest

from benchmarks.embeddings_eval import scores, scores_by_language


def test_scores_count_the_first_target_found():
    """A target at rank 1, one at rank 4 and one missing give recall@1 1/3, recall@5 2/3."""
    cases = [{"targets": ["a"]}, {"targets": ["d", "z"]}, {"targets": ["q"]}]
    rankings = [["a", "b"], ["b", "c", "e", "d", "z"], ["a", "b"]]
    result = scores(rankings, cases)
    assert result["recall@1"] == pytest.approx(1 / 3)
    assert result["recall@5"] == pytest.approx(2 / 3)
    assert result["mrr"] == pytest.approx((1 + 1 / 4) / 3)


def test_scores_by_language_split_welsh_from_english():
    """Welsh queries (lang "cy") are scored apart from the English ones."""
    cases = [{"targets": ["a"]}, {"targets": ["a"], "lang": "cy"}]
    result = scores_by_language([["a"], ["b", "a"]], cases)
    assert result["en_mrr"] == 1
    assert result["cy_mrr"] == 0.5
