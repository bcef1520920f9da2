"""The Elasticsearch client's serializers."""

from search.client import JSON_SERIALIZERS


def test_newline_delimited_bodies_round_trip_line_by_line():
    """An _msearch body is one JSON document per line, non-ASCII text intact."""
    serializer = JSON_SERIALIZERS["application/x-ndjson"]
    body = serializer.dumps([{}, {"query": {"match": {"title": "Café"}}}])
    assert body == b'{}\n{"query":{"match":{"title":"Caf\xc3\xa9"}}}\n'
    assert serializer.loads(body) == [{}, {"query": {"match": {"title": "Café"}}}]
