"""The case study form's widgets: term descriptions as hints, a count instead of a cut-off."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from casestudies.models import Approach
from casestudies.widgets import CharacterCountTextarea

pytestmark = pytest.mark.django_db


def add_page(client, council):
    url = reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", council.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_each_approach_shows_its_description_as_the_checkboxs_hint(client_a, council_a):
    """Every approach checkbox is described by a hint holding the term's description."""
    html = add_page(client_a, council_a)

    for index, approach in enumerate(Approach.objects.order_by("name")):
        assert approach.description
        hint_id = f"id_approaches_{index}-description"
        assert f'id="id_approaches_{index}" aria-describedby="{hint_id}"' in html
        assert f'id="{hint_id}">{escape(approach.description)}</p>' in html


def test_the_summary_is_counted_not_cut_off(client_a, council_a):
    """The summary textarea carries its limit for the live count and no maxlength that truncates."""
    html = add_page(client_a, council_a)
    start = html.index('<textarea name="summary"')
    textarea = html[start : html.index(">", start)]

    assert 'data-max-characters="300"' in textarea
    assert "maxlength" not in textarea
    assert "casestudies/js/character-count.js" in html


def test_the_count_widget_drops_any_maxlength_it_is_given():
    """Rendering the count widget with a maxlength attribute leaves the attribute out."""
    html = CharacterCountTextarea(10, attrs={"maxlength": 10}).render("summary", "text")

    assert 'data-max-characters="10"' in html and "maxlength" not in html
