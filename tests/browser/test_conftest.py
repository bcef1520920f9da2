"""The browser fixtures' own helpers, checked without a browser (so on every database)."""

import pytest
from django.db import connection
from wagtail.models import Page

from .conftest import restore_database


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
