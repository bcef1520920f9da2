"""Markers for tests that only make sense on one database engine (the suite runs on both)."""

import pytest
from django.db import connection

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search: run with DATABASE_URL=postgres://...",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's LIKE word matching: PostgreSQL uses tsvectors"
)
