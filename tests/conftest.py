"""Shared fixtures; tests marked ``elasticsearch`` use the real node ``make test`` starts."""

import os

import pytest
from django.conf import settings

from search.client import ping


@pytest.fixture(scope="session")
def search_node():
    """The real Elasticsearch node; under CI a missing node fails the run instead of skipping."""
    if not ping():
        message = f"Elasticsearch is not reachable at {settings.ELASTICSEARCH_URL}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: run 'make search-up' first)", pytrace=False)
        pytest.fail(message + ": start it with 'make search-up'", pytrace=False)
    return settings.ELASTICSEARCH_URL
