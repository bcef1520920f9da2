"""Names of the search indices."""

from search.index_names import alias_name


def test_alias_name_follows_the_index_prefix(settings):
    """Every search and live write goes through <prefix>-casestudies."""
    settings.SEARCH_INDEX_PREFIX = "elsewhere"
    assert alias_name() == "elsewhere-casestudies"
