"""The related_case_studies template tag: the case study page asks the search side."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.factories import UserFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def render_case_study(page):
    request = RequestFactory().get(page.url)
    request.user = UserFactory.build()
    return render_to_string("casestudies/case_study_page.html", {"page": page, "request": request})


def test_case_study_template_lists_related_case_studies_from_the_index(indexed_corpus):
    """The template alone, without the page's context, renders the related cards from the index."""
    html = render_case_study(indexed_corpus["deal"])
    assert "Related case studies" in html
    assert "Neighbourhood budget vote" in html


def test_case_study_template_falls_back_to_the_database(indexed_corpus, node_down):
    """With the node down the template still lists related case studies, from the database."""
    html = render_case_study(indexed_corpus["deal"])
    assert "Neighbourhood budget vote" in html


def test_case_study_template_without_related_has_no_related_block(indexed_corpus):
    """A case study sharing nothing with the others shows no related block."""
    html = render_case_study(indexed_corpus["cupboard"])
    assert "Related case studies" not in html
