"""A facet registered in one place shows in the API, its validation, the schema and the backends."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from casestudies.documents import FACET_COLUMNS
from casestudies.models import MONTH_CHOICES
from search.facets import FACETS, FIXED, Choices, Facet
from search.sync import sync_pages
from tests.factories import CouncilPageFactory
from tests.helpers.pages import make_case_study

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

MONTH = Facet(
    "month",
    "Month started",
    "Month the project started, 1 to 12.",
    "start_month",
    "start_month",
    Choices(tuple(MONTH_CHOICES)),
    order=FIXED,
    multi_select=False,
)


@pytest.fixture
def month_facet(monkeypatch):
    """A throwaway facet in the registry, and the keyword field it needs in the index mapping."""
    monkeypatch.setitem(FACETS, MONTH.name, MONTH)
    monkeypatch.setitem(FACET_COLUMNS, MONTH.index_field, MONTH.model_path)
    return MONTH


@pytest.fixture
def month_corpus(month_facet, search_index):
    """Three case studies started in March, March and July, indexed on the real node."""
    council = CouncilPageFactory()
    pages = [
        make_case_study(council, f"Project {number}", start_year=2020, start_month=month)
        for number, month in enumerate([3, 3, 7])
    ]
    sync_pages([page.pk for page in pages])
    return pages


def answer(query=None, status=200):
    response = Client().get("/api/search/", query or {})
    assert response.status_code == status, response.content[:300]
    return response.json()


def month_options(data):
    return [(o["value"], o["label"], o["count"], o["selected"]) for o in data["facets"]["month"]]


def test_a_registered_facet_is_counted_and_filtered_by_elasticsearch(month_corpus):
    """The node counts the new facet in choice order and filters by it."""
    everything = answer()
    assert everything["backend"] == "elasticsearch"
    assert month_options(everything) == [("3", "March", 2, False), ("7", "July", 1, False)]
    march = answer({"month": "3"})
    assert (march["backend"], march["total"]) == ("elasticsearch", 2)
    assert month_options(march) == [("3", "March", 2, True), ("7", "July", 1, False)]
    assert answer({"month": "13"})["total"] == 3


def test_a_registered_facet_is_validated_and_described(month_facet):
    """A single-select facet refuses two values with a message, and the schema lists it."""
    error = answer({"month": ["3", "7"]}, status=400)
    assert error == {"error": "Choose one value for 'month'."}
    schema = Client().get("/api/search/openapi.json").json()
    [parameter] = [
        p for p in schema["paths"]["/api/search/"]["get"]["parameters"] if p["name"] == "month"
    ]
    assert parameter["schema"]["maxItems"] == 1
    assert parameter["description"].startswith("Month the project started")
    facets = schema["components"]["schemas"]["SearchResponse"]["properties"]["facets"]
    assert "month" in facets["required"] and "month" in facets["properties"]


def test_a_registered_facet_is_counted_by_the_database_fallback(month_corpus, node_down):
    """With the node down the database counts and filters the new facet as the index does."""
    everything = answer()
    assert everything["backend"] == "database"
    assert month_options(everything) == [("3", "March", 2, False), ("7", "July", 1, False)]
    july = answer({"month": "7"})
    assert (july["backend"], july["total"]) == ("database", 1)
    assert month_options(july) == [("3", "March", 2, False), ("7", "July", 1, True)]


def month_inputs(query=""):
    """(type, value, checked) of every month input on the search page."""
    response = Client().get(f"/search/?{query}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (box["type"], box["value"], box.has_attr("checked"))
        for box in soup.select('input[name="month"]')
    ]


def test_a_single_select_facet_is_radios_led_by_any_on_the_search_page(month_corpus):
    """One value at a time shows as radios, with "Any" checked until a month is chosen."""
    assert month_inputs() == [("radio", "", True), ("radio", "3", False), ("radio", "7", False)]
    assert month_inputs("month=7") == [
        ("radio", "", False),
        ("radio", "3", False),
        ("radio", "7", True),
    ]
    approach = Client().get("/search/").content.decode()
    assert 'name="approach" type="checkbox"' in approach
