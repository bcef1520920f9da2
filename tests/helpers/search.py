"""The real node as the tests see it: this run's indices, and the public API's results."""

from django.test import Client

from search.client import get_search_client
from search.index_names import alias_name


def drop_indices():
    """Delete the indices behind this run's alias by name (the node refuses wildcard deletes)."""
    client = get_search_client()
    names = list(client.indices.get(index=f"{alias_name()}-*", allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


def found(query_string=""):
    """The public search API's results by title; fails unless the node answered."""
    data = Client().get(f"/api/search/?{query_string}").json()
    assert data["backend"] == "elasticsearch"
    return {result["title"]: result for result in data["results"]}
