"""The test proxy in front of the real node: it forwards, refuses when down and delays answers."""

import time

import pytest
from elasticsearch import ConnectionError as TransportConnectionError

from search.client import get_search_client

pytestmark = pytest.mark.elasticsearch


def health():
    return get_search_client().options(request_timeout=5).cluster.health()["status"]


def test_forwards_to_the_node(search_proxy):
    """Through the proxy the client reaches the real node."""
    assert health() in {"green", "yellow"}


def test_down_refuses_and_up_restores_on_the_same_port(search_proxy):
    """Down refuses connections; up listens again on the same address, so clients recover."""
    port = search_proxy.port
    search_proxy.down()
    with pytest.raises(TransportConnectionError):
        health()
    search_proxy.up()
    assert search_proxy.port == port
    assert health() in {"green", "yellow"}


def test_delay_holds_back_each_answer(search_proxy):
    """A delay makes every answer arrive at least that late."""
    search_proxy.delay = 0.5
    started = time.monotonic()
    health()
    assert time.monotonic() - started >= 0.5


def test_up_right_after_down_binds_the_same_port(search_proxy):
    """Taken down with no connection attempt in between, the proxy can listen again at once."""
    port = search_proxy.port
    search_proxy.down()
    search_proxy.up()
    assert search_proxy.port == port
    assert health() in {"green", "yellow"}


def test_accepted_counts_connections(search_proxy):
    """Each connection the application opens through the proxy is counted."""
    before = search_proxy.accepted
    health()
    assert search_proxy.accepted > before


def test_requests_counts_each_request_forwarded(search_proxy):
    """Every request through the proxy adds one to its count, on new and reused connections."""
    sent = search_proxy.requests
    health()
    health()
    assert search_proxy.requests == sent + 2


def test_status_answers_every_request_with_it(search_proxy):
    """With ``status`` set the proxy answers that status itself; cleared, the node answers."""
    from elasticsearch import ApiError

    search_proxy.status = 507
    with pytest.raises(ApiError) as answered:
        get_search_client().options(request_timeout=5, max_retries=0).cluster.health()
    assert answered.value.meta.status == 507
    search_proxy.status = None
    assert health() in {"green", "yellow"}
