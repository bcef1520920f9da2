"""GET /healthz: database and search node status, never held up by a dead node."""

import time

import pytest
from django.db import DatabaseError
from django.test import override_settings

from search import views
from search.client import get_search_client


@pytest.fixture
def fresh_search_client():
    """Rebuild the cached client around the test, so overridden settings take effect and end."""
    get_search_client.cache_clear()
    yield
    get_search_client.cache_clear()


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_healthz_reports_database_and_search_ok(client, search_node, fresh_search_client):
    """With the database and the real node up, /healthz answers 200 with both "ok"."""
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"database": "ok", "search": "ok"}


@pytest.mark.django_db
def test_healthz_reports_search_unavailable_when_node_is_down(
    client, closed_port, fresh_search_client
):
    """With no node at ELASTICSEARCH_URL, search is "unavailable" and the endpoint still 200s."""
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port}"):
        get_search_client.cache_clear()
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "search": "unavailable"}
    # A generous bound that only catches hanging (retries, long timeouts), not a speed target.
    assert elapsed < 10


@pytest.mark.django_db
def test_healthz_answers_503_when_database_fails(client, monkeypatch):
    """When the database raises, /healthz says "unavailable" with 503 instead of erroring."""

    class BrokenConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(views, "connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert set(response.json()) == {"database", "search"}
