"""System checks on the search settings."""

from search.checks import check_search_settings


def ids(settings_overrides, settings):
    for name, value in settings_overrides.items():
        setattr(settings, name, value)
    return {problem.id for problem in check_search_settings(None)}


def test_base_settings_pass(settings):
    """The base settings (2 s timeout; the test settings allow 10) raise no search problem."""
    assert ids({"ELASTICSEARCH_TIMEOUT": 2}, settings) == set()


def test_bad_prefix_long_timeout_no_breaker_and_es_admin_search_are_reported(settings):
    """Each misconfiguration has its own check id."""
    found = ids(
        {
            "SEARCH_INDEX_PREFIX": "Bad Prefix",
            "ELASTICSEARCH_TIMEOUT": 30,
            "SEARCH_BREAKER_SECONDS": 0,
            "WAGTAILSEARCH_BACKENDS": {
                "default": {"BACKEND": "wagtail.search.backends.elasticsearch8"}
            },
        },
        settings,
    )
    assert found == {"search.E001", "search.W001", "search.E002", "search.E003"}


def test_no_deadline_and_no_slow_count_are_reported(settings):
    """A search deadline of zero and a slow-answer count below one each have their own id."""
    found = ids(
        {"ELASTICSEARCH_TIMEOUT": 2, "SEARCH_DEADLINE_SECONDS": 0, "SEARCH_BREAKER_SLOW_COUNT": 0},
        settings,
    )
    assert found == {"search.E004", "search.E005"}


def test_no_shard_and_negative_replicas_are_reported(settings):
    """No primary shard and a negative replica count each have their own id."""
    found = ids({"ELASTICSEARCH_TIMEOUT": 2, "SEARCH_SHARDS": 0, "SEARCH_REPLICAS": -1}, settings)
    assert found == {"search.E006", "search.E007"}


def test_more_replicas_than_other_nodes_is_a_warning(settings):
    """One replica with one node named can never be placed, and the check says so."""
    one_node = ids(
        {"ELASTICSEARCH_TIMEOUT": 2, "ELASTICSEARCH_URL": "http://a:9200", "SEARCH_REPLICAS": 1},
        settings,
    )
    three_nodes = ids({"ELASTICSEARCH_URL": "http://a:9200,http://b:9200,http://c:9200"}, settings)
    assert one_node == {"search.W002"}
    assert three_nodes == set()
