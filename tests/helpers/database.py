"""Markers for tests that only make sense on one database engine, and restoring a snapshot."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search: run with DATABASE_URL=postgres://...",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's LIKE word matching: PostgreSQL uses tsvectors"
)


def restore_database(serialized):
    """Empty the database, then load ``serialized`` (from serialize_db_to_string) into it."""
    # Sequences keep counting (as in Django's own test teardown): restarted, PostgreSQL would
    # hand the restored rows' ids out again.
    call_command(
        "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
    )
    connection.creation.deserialize_db_from_string(serialized)
    # Rows came back under their old ids: what was cached by id may now be wrong. The cache is
    # filled again at once: a later flush and deserialize (a serialized_rollback test) must find
    # every content type there, or building a workflow task would create its row first and the
    # restored row would then collide with it.
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
    caches["default"].clear()
