"""Synonym expansion shared by both backends."""

from search.synonyms import synonym_phrases

GROUPS = [["PB", "participatory budgeting"], ["ABCD", "asset-based community development"]]


def test_synonym_groups_expand_whole_words_in_both_directions():
    """A group applies when one of its terms is in the query as whole words, either way round."""
    assert synonym_phrases("PB in rural areas", GROUPS) == ["participatory budgeting"]
    assert synonym_phrases("Participatory Budgeting", GROUPS) == ["PB"]
    assert synonym_phrases("pbx telephones", GROUPS) == []
