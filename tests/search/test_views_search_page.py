"""The /search/ page: the form without JavaScript, pagination, the facets, the sort, the
suggestion and the empty page."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casestudies.models import CouncilPage
from tests.helpers.pages import make_case_study

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def test_search_page_works_without_javascript(indexed_corpus):
    """A GET form with checkboxes, counts, chips, sort, results and a live result count."""
    response = Client().get(
        "/search/", {"q": "democracy", "theme": "democracy-participation", "sort": "budget_desc"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/search/"' in html
    assert 'role="status" aria-live="polite"' in html
    assert "2 case studies" in html
    assert 'class="govuk-fieldset__legend govuk-fieldset__legend--s">Approach</legend>' in html
    assert 'name="theme" type="checkbox" value="democracy-participation" checked' in html
    assert "Participatory budgeting <span" in html and "(1<span" in html
    assert "Remove filter </span>Theme: Democracy and participation" in html
    assert '<option value="budget_desc" selected>' in html
    assert "Neighbourhood budget vote" in html and "The Wigan Deal" in html
    assert "£25,000" in html


def test_search_page_paginates_with_shareable_links(indexed_corpus):
    """Page links keep the query and filters in the URL."""
    html = Client().get("/search/", {"page_size": "1", "page": "2"}).content.decode()
    assert 'aria-label="Page 4"' in html
    assert 'href="?page=3&amp;page_size=1"' in html
    assert "showing 2 to 2" in html


def test_many_councils_stay_usable(search_index, db):
    """Beyond eight councils the rest sit in a scrollable details element."""
    from tests.factories import CouncilPageFactory

    for number in range(12):
        make_case_study(CouncilPageFactory(), f"Project {number}")
    from search.rebuild import rebuild

    rebuild(grace_seconds=0)
    html = Client().get("/search/").content.decode()
    assert "4 more council options" in html
    assert 'class="govuk-details__text search-facet__scroll"' in html


def test_council_facet_names_and_counts_only_public_case_studies(search_index, db):
    """A council whose only case study is private is neither named nor counted in the facet."""
    from wagtail.models import PageViewRestriction

    from search.rebuild import rebuild
    from tests.factories import CouncilPageFactory

    open_council = CouncilPageFactory(title="Openshire Council", slug="openshire")
    hidden_council = CouncilPageFactory(title="Hiddenshire Council", slug="hiddenshire")
    make_case_study(open_council, "Open repair cafe")
    private = make_case_study(hidden_council, "Private repair cafe")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="pw")
    rebuild(grace_seconds=0)
    html = Client().get("/search/").content.decode()
    assert "Openshire Council" in html
    assert "Hiddenshire Council" not in html
    assert "Private repair cafe" not in html


def test_new_words_reset_an_unchosen_sort_to_relevance(indexed_corpus):
    """Typing words after browsing by the default "Newest" sorts the words' results by relevance."""
    response = Client().get("/search/", {"q": "cupboard", "sort": "newest", "prev_q": ""})
    assert response.context["params"].sort == "relevance"
    assert '<option value="relevance" selected>' in response.content.decode()


def test_new_words_keep_a_sort_the_person_chose(indexed_corpus):
    """A sort other than the previous default was chosen, so new words keep it."""
    response = Client().get("/search/", {"q": "cupboard", "sort": "budget_asc", "prev_q": ""})
    assert response.context["params"].sort == "budget_asc"


def test_same_words_keep_newest_when_chosen(indexed_corpus):
    """With unchanged words, choosing "Newest" over relevance is kept."""
    response = Client().get("/search/", {"q": "cupboard", "sort": "newest", "prev_q": "cupboard"})
    assert response.context["params"].sort == "newest"
    assert 'name="prev_q" value="cupboard"' in response.content.decode()


def test_did_you_mean_keeps_every_filter(indexed_corpus):
    """The suggestion link holds the same filters and sort as the search it corrects."""
    response = Client().get(
        "/search/",
        {
            "q": "comunity cupbord",
            "theme": "food-poverty",
            "approach": "volunteer-led",
            "sort": "newest",
        },
    )
    assert response.context["results"].suggestion
    url = response.context["suggestion_url"]
    assert "theme=food-poverty" in url and "approach=volunteer-led" in url and "sort=newest" in url


def test_a_page_past_the_end_goes_to_the_last_page(indexed_corpus):
    """Page 9 of four one-result pages redirects to page 4, never "showing 9 to 8"."""
    response = Client().get("/search/", {"q": "", "page_size": "1", "page": "9"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?page=4&page_size=1"
    html = Client().get(response["Location"]).content.decode()
    assert "showing 4 to 4" in html


def test_a_page_past_the_end_of_no_results_goes_to_page_one(indexed_corpus):
    """Without results any page past the first redirects to the first."""
    response = Client().get("/search/", {"q": "zzzzqqq", "page": "3"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=zzzzqqq"


def test_zero_results_without_filters_do_not_advise_removing_filters(indexed_corpus):
    """With no filter set the empty page offers other words and browsing, not removing filters."""
    html = Client().get("/search/", {"q": "zzzzqqq"}).content.decode()
    assert "No case studies match" in html
    assert "removing some filters" not in html
    assert '<a class="govuk-link" href="/search/">browse all case studies</a>' in html


def test_zero_results_with_filters_advise_removing_them(indexed_corpus):
    """With a filter set the empty page still suggests removing filters."""
    html = Client().get("/search/", {"q": "zzzzqqq", "theme": "food-poverty"}).content.decode()
    assert "removing some filters" in html


@pytest.mark.parametrize(
    ("suggestion", "shown"),
    [
        ("food and", None),
        ("support for the", None),
        ("community cupboard", "community cupboard"),
        (None, None),
    ],
)
def test_a_suggestion_ending_in_a_stop_word_is_hidden(suggestion, shown):
    """ "Did you mean food and" is no phrase anyone searched for, so it is not offered."""
    from search.views import shown_suggestion

    assert shown_suggestion(suggestion) == shown


@pytest.mark.parametrize(
    ("words", "title"),
    [
        ("foodbank", "Leek Community Cupboard"),
        ("rural", "Leek Community Cupboard"),
        ("parish", "Leek Community Cupboard"),
    ],
)
def test_everyday_words_find_case_studies_through_seeded_synonyms(indexed_corpus, words, title):
    """Words that found nothing before (foodbank, rural, parish) reach their case study."""
    from tests.helpers.search import found

    assert title in found(f"q={words}")


@pytest.mark.django_db
def test_seeded_synonyms_cover_isolation_and_low_cost():
    """Loneliness/isolation and cheap/low-cost are seeded groups."""
    from search.models import Synonym

    groups = [group.term_list() for group in Synonym.objects.all()]
    assert any("loneliness" in group and "isolation" in group for group in groups)
    assert any("cheap" in group and "low-cost" in group for group in groups)
    assert any("foodbank" in group and "food bank" in group for group in groups)


def test_result_cards_mark_fictional_example_councils(indexed_corpus):
    """Example councils' results say so on their cards, from the index: no council query."""
    client = Client()
    client.get("/search/", {"q": "budget vote"})  # Fills the per-process copies (site, labels).
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/", {"q": "budget vote"}).content.decode()
    council_table = CouncilPage._meta.db_table
    assert not [query for query in queries.captured_queries if council_table in query["sql"]]
    card = html[html.index("Neighbourhood budget vote") :]
    card = card[: card.index("</li>")]
    assert "Exampleshire Council (fictional example)" in card
    html = Client().get("/search/", {"q": "Wigan Deal"}).content.decode()
    assert "Wigan Council</dd>" in html and "Wigan Council (fictional example)" not in html


def test_each_result_card_has_a_compare_tick_owned_by_the_compare_form(indexed_corpus):
    """Every card's compare box belongs to a GET form for /compare/ outside the search form,
    which also carries the search as understood, for the compare page's way back."""
    html = Client().get("/search/", {"theme": "food-poverty", "approach": "x"}).content.decode()
    assert 'name="back" value="?theme=food-poverty">' in html
    html = Client().get("/search/").content.decode()
    boxes = re.findall(r'<input[^>]*name="ids"[^>]*>', html)
    assert len(boxes) == len(indexed_corpus)
    for page in indexed_corpus.values():
        assert f'id="compare-{page.pk}" name="ids" type="checkbox" value="{page.pk}"' in html
    assert all('form="compare-form"' in box for box in boxes)
    start = html.index('id="search-form"')
    search_form = html[start : html.index("</form>", start)]
    assert '<form method="get" action="/compare/" id="compare-form">' in html
    assert '<form method="get" action="/compare/"' not in search_form
    assert 'form="compare-form"' in search_form and "Compare ticked case studies" in search_form
