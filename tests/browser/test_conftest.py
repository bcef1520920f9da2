"""The browser fixtures' own helpers, checked without a browser (so on every database)."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from tests.helpers.database import restore_database


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_added_after_a_restore_get_fresh_ids():
    """After restore_database puts rows back under their old ids, new rows do not collide.

    PostgreSQL hands out ids from sequences, which a flush that restarts them would set below
    the restored rows' ids.
    """
    snapshot = connection.creation.serialize_db_to_string()
    restored_ids = set(Page.objects.values_list("pk", flat=True))

    restore_database(snapshot)
    page = Page.get_first_root_node().add_child(
        instance=Page(title="Added after restore", slug="added-after-restore")
    )

    assert set(Page.objects.values_list("pk", flat=True)) == restored_ids | {page.pk}
    assert page.pk not in restored_ids


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_restore_a_flush_and_reload_still_succeed():
    """After restore_database, emptying the database and loading a snapshot (what the next
    serialized_rollback test does) does not collide with content types made on the way."""
    snapshot = connection.creation.serialize_db_to_string()
    pages = Page.objects.count()

    restore_database(snapshot)
    call_command(
        "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
    )
    connection.creation.deserialize_db_from_string(snapshot)

    assert Page.objects.count() == pages
