"""The one place that builds the Elasticsearch client."""

import time
from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.serializer import NdjsonSerializer, OrjsonSerializer


class OrjsonNdjsonSerializer(OrjsonSerializer, NdjsonSerializer):
    """Newline-delimited bodies (``_msearch``, ``_bulk``) with each line encoded by orjson."""


# orjson for requests and answers: bulk bodies and facet-heavy responses are the hot path
# (benchmarks: the standard library's json cost a fifth of a rebuild's Python time).
JSON_SERIALIZERS = {
    **{
        mimetype: OrjsonSerializer()
        for mimetype in ("application/json", "application/vnd.elasticsearch+json")
    },
    **{
        mimetype: OrjsonNdjsonSerializer()
        for mimetype in ("application/x-ndjson", "application/vnd.elasticsearch+x-ndjson")
    },
}


def node_urls(value=None):
    """The nodes ELASTICSEARCH_URL names: one address or a comma-separated list."""
    value = settings.ELASTICSEARCH_URL if value is None else value
    return [url.strip() for url in value.split(",") if url.strip()]


@cache
def get_search_client():
    nodes = node_urls()
    return Elasticsearch(
        nodes,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        # A node that refuses the connection is skipped for the next one; a slow answer is
        # never repeated elsewhere, so one search still costs at most its deadline.
        max_retries=len(nodes) - 1,
        retry_on_timeout=False,
        serializers=JSON_SERIALIZERS,
    )


def ping():
    """True when the node answers within a second.

    Uses cluster health rather than ``ping()``: the integ-test distribution has no ``HEAD /``.
    """
    try:
        health = get_search_client().options(request_timeout=1).cluster.health()
    except Exception:
        return False
    return health.get("status") in {"green", "yellow"}


class Deadline:
    """One search's time with the node (``SEARCH_DEADLINE_SECONDS``): each request gets what
    is left of it as its timeout, so a slow node costs one deadline, not a timeout a request."""

    def __init__(self, seconds=None):
        self.started = time.monotonic()
        self.seconds = settings.SEARCH_DEADLINE_SECONDS if seconds is None else seconds

    def elapsed(self):
        return time.monotonic() - self.started

    def left(self):
        return self.seconds - self.elapsed()

    def client(self):
        """The search client with what is left as its timeout (capped by the usual one)."""
        timeout = max(0.001, min(settings.ELASTICSEARCH_TIMEOUT, self.left()))
        return get_search_client().options(request_timeout=timeout)
