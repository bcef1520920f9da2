"""Synonym groups as staff write them, and the Synonym snippet in the admin."""

import pytest
from django.test import Client

from search.models import Synonym
from tests.factories import SynonymFactory, UserFactory


def test_terms_are_split_trimmed_and_deduplicated():
    """Commas separate terms; spaces are normalised and repeats (any case) dropped."""
    synonym = Synonym(terms=" PB ,participatory   budgeting, pb,, ")
    assert synonym.term_list() == ["PB", "participatory budgeting"]
    assert str(synonym) == "PB ⇄ participatory budgeting"


@pytest.mark.django_db
def test_seeded_council_jargon_is_there():
    """The migration seeds PB and ABCD among the council jargon."""
    groups = [group.term_list() for group in Synonym.objects.all()]
    assert ["PB", "participatory budgeting"] in groups
    assert any("ABCD" in group and "asset-based community development" in group for group in groups)


@pytest.mark.django_db
def test_staff_edit_synonyms_in_the_admin():
    """The snippet is listed and editable in the Wagtail admin."""
    SynonymFactory(terms="CAT, community asset transfer, asset transfer-x")
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    response = client.get("/admin/snippets/search/synonym/")
    assert response.status_code == 200
    assert "community asset transfer" in response.content.decode()
