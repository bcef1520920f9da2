"""The Elasticsearch client: its serializers and the nodes it talks to."""

import pytest

from search.client import JSON_SERIALIZERS, get_search_client, node_urls


def test_newline_delimited_bodies_round_trip_line_by_line():
    """An _msearch body is one JSON document per line, non-ASCII text intact."""
    serializer = JSON_SERIALIZERS["application/x-ndjson"]
    body = serializer.dumps([{}, {"query": {"match": {"title": "Café"}}}])
    assert body == b'{}\n{"query":{"match":{"title":"Caf\xc3\xa9"}}}\n'
    assert serializer.loads(body) == [{}, {"query": {"match": {"title": "Café"}}}]


def test_a_comma_separated_url_names_every_node():
    """ELASTICSEARCH_URL may list several nodes; spaces and a trailing comma are ignored."""
    assert node_urls("http://127.0.0.1:9200") == ["http://127.0.0.1:9200"]
    assert node_urls(" http://a:9200, http://b:9201,") == ["http://a:9200", "http://b:9201"]


@pytest.mark.elasticsearch
def test_the_client_tries_the_next_node_when_one_refuses(settings, closed_port, search_node):
    """With a dead node listed first, every request is still answered by the live one."""
    get_search_client.cache_clear()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port},{search_node}"
    try:
        client = get_search_client()
        assert len(client.transport.node_pool.all()) == 2
        statuses = {client.cluster.health()["status"] for _ in range(6)}
        assert statuses <= {"green", "yellow"}
    finally:
        get_search_client.cache_clear()
