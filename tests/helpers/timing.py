"""Timed requests through Django's test client, for tests whose behaviour is a deadline."""

import time

from django.test import Client

# Time a request may take beyond the search deadline: rendering, the database and a loaded
# machine. Tests that bound a request by it slow the node by more than this.
MARGIN = 1.0


def timed_get(path, query=None):
    """``(response, seconds)`` for one GET."""
    started = time.monotonic()
    response = Client().get(path, query or {})
    return response, time.monotonic() - started
