"""Per-process copies of facet labels and synonyms: reused, refreshed, and never missing a value."""

import pytest

from casestudies.models import Approach
from search import labels
from tests.factories import ApproachFactory, SynonymFactory

pytestmark = pytest.mark.django_db


def test_labels_are_read_once_and_reused(django_assert_num_queries):
    """A second lookup of known slugs costs no query."""
    approach = ApproachFactory(name="Street parties", slug="street-parties")
    with django_assert_num_queries(1):
        assert labels.labels("approach", {approach.slug})[approach.slug] == "Street parties"
    with django_assert_num_queries(0):
        assert labels.labels("approach", {approach.slug})[approach.slug] == "Street parties"


def test_a_value_the_copy_does_not_know_is_looked_up_at_once(django_assert_num_queries):
    """A slug created behind the copy's back (no signal) is still labelled, with one query."""
    labels.labels("approach", set())
    # bulk_create sends no signals, like a change made by another process.
    Approach.objects.bulk_create([Approach(name="Tool libraries", slug="tool-libraries")])
    with django_assert_num_queries(1):
        assert labels.labels("approach", {"tool-libraries"})["tool-libraries"] == "Tool libraries"


def test_renaming_in_this_process_shows_the_new_label_at_once():
    """Saving an approach drops the copies, so the next search sees its new name."""
    approach = ApproachFactory(name="Old name", slug="renamed-approach")
    assert labels.labels("approach", {approach.slug})[approach.slug] == "Old name"
    approach.name = "New name"
    approach.save()
    assert labels.labels("approach", {approach.slug})[approach.slug] == "New name"


def test_new_synonyms_apply_to_the_next_search():
    """Adding a synonym group drops the cached groups."""
    before = labels.synonym_groups()
    SynonymFactory(terms="LAC, local area coordination")
    assert len(labels.synonym_groups()) == len(before) + 1
