"""The one place that builds the Elasticsearch client."""

from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch


@cache
def get_search_client():
    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        max_retries=0,
        retry_on_timeout=False,
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
