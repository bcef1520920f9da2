"""The database fallback's counts for an empty page: one query however many filters are set."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from search.backends.database import DatabaseBackend
from search.params import SearchParams

pytestmark = pytest.mark.django_db


def test_the_database_loosens_in_one_query(corpus):
    """The removals are counted by one database query, however many filters are set."""
    backend = DatabaseBackend()

    def queries(query_string):
        params = SearchParams.from_querydict(QueryDict(query_string))
        with CaptureQueriesContext(connection) as captured:
            counts = backend.loosened(params)
        return counts, len(captured.captured_queries)

    queries("status=pilot")  # the per-process synonym copy, loaded once
    one, one_queries = queries("theme=food-poverty")
    three, three_queries = queries("theme=food-poverty&status=pilot&status=ended")
    assert (one, three) == ([4], [1, 0, 0])
    assert three_queries == one_queries


def test_words_and_filters_are_loosened_together(corpus):
    """With words, each removal is counted among the pages those words match."""
    params = SearchParams.from_querydict(QueryDict("q=budget&theme=food-poverty&status=pilot"))
    assert DatabaseBackend().loosened(params) == [1, 0]
