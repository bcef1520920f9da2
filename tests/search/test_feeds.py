"""The Atom feed of a search, /search/feed/: the search page's parameters and results."""

import random
import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.test import Client

from search.sync import sync_pages
from tests.helpers.facets import query_string, random_filters

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
ORIGIN = "http://testserver"


def feed(query_string=""):
    """The feed's entries (parsed Atom), checking it answered as Atom."""
    response = Client().get(f"/search/feed/?{query_string}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall("atom:entry", ATOM)


def entry_links(entries):
    return [entry.find("atom:link", ATOM).get("href") for entry in entries]


def api_links(query_string="", backend="elasticsearch"):
    """The search API's results as absolute links, in order, from the backend named."""
    data = Client().get(f"/api/search/?{query_string}").json()
    assert data["backend"] == backend
    return [ORIGIN + result["url"] for result in data["results"]]


def test_feed_holds_the_searchs_ids_for_random_filter_mixes(search_index, random_corpus):
    """For random filters, sorts and page sizes the feed lists the API's results in its order."""
    sync_pages([page.pk for page in random_corpus])
    rng = random.Random(15)
    facets = Client().get("/api/search/").json()["facets"]
    non_empty = 0
    for _ in range(10):
        filters = random_filters(rng, facets)
        extra = {"sort": rng.choice(["newest", "budget_asc", "budget_desc", "relevance"])}
        if rng.random() < 0.5:
            extra["page_size"] = str(rng.randint(1, 50))
        if rng.random() < 0.3:
            extra["q"] = "random project"
        mix = query_string(filters, **extra)
        assert entry_links(feed(mix)) == api_links(mix), mix
        non_empty += bool(api_links(mix))
    assert non_empty >= 5


def test_feed_without_a_sort_is_newest_first_even_with_words(search_index, random_corpus):
    """Words alone sort the page by relevance, but their feed by first publication, newest first."""
    sync_pages([page.pk for page in random_corpus])
    assert entry_links(feed("q=random+project")) == api_links("q=random+project&sort=newest")
    published = [entry.find("atom:published", ATOM).text for entry in feed("q=random")]
    assert published == sorted(published, reverse=True) and len(published) == 20


def test_entries_carry_title_absolute_link_summary_council_and_dates(indexed_corpus):
    """An entry has the case study's title, absolute URL, summary, council and publication dates."""
    page = indexed_corpus["vote"]
    page.refresh_from_db()
    (entry,) = feed("approach=participatory-budgeting")
    assert entry.find("atom:title", ATOM).text == page.title
    assert entry.find("atom:link", ATOM).get("href") == ORIGIN + page.url
    assert entry.find("atom:id", ATOM).text == ORIGIN + page.url
    assert entry.find("atom:summary", ATOM).text == page.summary
    assert entry.find("atom:author/atom:name", ATOM).text == "Exampleshire Council"
    published = datetime.fromisoformat(entry.find("atom:published", ATOM).text)
    updated = datetime.fromisoformat(entry.find("atom:updated", ATOM).text)
    assert published == page.first_published_at
    assert updated == page.last_published_at
    terms = {category.get("term") for category in entry.findall("atom:category", ATOM)}
    assert terms == {"Participatory budgeting", "Democracy and participation"}


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page_size=500",
        "sort=random",
        "q=" + "x" * 201,
        "page=two",
        "&".join(["approach=x"] * 41),
    ],
)
def test_bad_parameters_are_a_plain_text_400(search_index, query):
    """A parameter the feed cannot use is answered 400 with the reason in plain text."""
    response = Client().get(f"/search/feed/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert len(response.content.decode()) > 10


def test_search_page_links_to_the_feed_of_its_own_search(indexed_corpus):
    """The page's <link rel="alternate"> is the feed of the page's search, with its sort."""
    html = Client().get("/search/?q=volunteers&theme=food-poverty&page_size=5").content.decode()
    (href,) = re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]* href="([^"]+)"', html
    )
    href = href.replace("&amp;", "&")
    assert href.startswith(ORIGIN + "/search/feed/?")
    assert "sort=relevance" in href and "theme=food-poverty" in href and "page_size=5" in href
    query = href.split("?", 1)[1]
    assert entry_links(feed(query)) == api_links(query) == [ORIGIN + indexed_corpus["cupboard"].url]


def test_feed_answers_from_the_database_when_the_node_is_down(corpus, node_down):
    """With the node down the feed still holds the search's results, from the database."""
    links = api_links("status=running", backend="database")
    assert len(links) == 2
    assert entry_links(feed("status=running")) == links
