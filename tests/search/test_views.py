"""The public contract of /api/search/, /api/search/suggest/ and the OpenAPI schema, and the
input limits the /search/ page shares with them."""

import jsonschema
import pytest
from django.core.cache import caches
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.facets import FACETS
from search.params import MAX_PARAMETERS
from tests.helpers.pages import make_case_study

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]
PARAMETER_NAMES = ["q", *FACETS, "sort", "page", "page_size"]


def validate(data, schema_name):
    """Check ``data`` against a component of the served OpenAPI document."""
    document = Client().get("/api/search/openapi.json").json()
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_openapi_document_describes_both_endpoints():
    """The schema is served as JSON and documents every search parameter."""
    response = Client().get("/api/search/openapi.json")
    assert response["Content-Type"].startswith("application/json")
    document = response.json()
    assert document["openapi"].startswith("3.")
    names = {p["name"] for p in document["paths"]["/api/search/"]["get"]["parameters"]}
    assert names == set(PARAMETER_NAMES)
    assert "/api/search/suggest/" in document["paths"]


def test_api_answers_match_the_openapi_schema(indexed_corpus):
    """Real answers, with results and facets and a suggestion, validate against the schema."""
    client = Client()
    for query in (
        {},
        {"q": "comunity cupbord"},
        {"q": "PB", "approach": "participatory-budgeting"},
    ):
        data = client.get("/api/search/", query).json()
        validate(data, "SearchResponse")
    assert data["total"] == 1 and data["results"][0]["approaches"]
    validate(client.get("/api/search/suggest/", {"q": "lee"}).json(), "SuggestResponse")
    validate(client.get("/api/search/", {"page": "x"}).json(), "Error")
    # The validator is not a rubber stamp: a wrong type is caught.
    with pytest.raises(jsonschema.ValidationError):
        validate({**data, "total": "1"}, "SearchResponse")


def test_api_shape_is_the_documented_one(indexed_corpus):
    """Top-level keys, facet keys and result keys are exactly those of the issue."""
    data = Client().get("/api/search/", {"q": "cupboard", "page_size": "5"}).json()
    assert set(data) == {
        "query",
        "backend",
        "total",
        "page",
        "page_size",
        "pages",
        "results",
        "facets",
        "suggestion",
    }
    assert (data["backend"], data["page"], data["page_size"], data["pages"]) == (
        "elasticsearch",
        1,
        5,
        1,
    )
    assert set(data["facets"]) == set(FACETS)
    assert set(data["results"][0]) == {
        "id",
        "title",
        "url",
        "summary",
        "highlight",
        "council",
        "approaches",
        "themes",
        "budget",
        "budget_band",
        "status",
        "year",
        "published",
        "updated",
    }


@pytest.mark.parametrize(
    "query", [{"page": "0"}, {"page": "two"}, {"page_size": "500"}, {"sort": "random"}]
)
def test_invalid_page_page_size_or_sort_is_a_400_with_a_message(search_index, query):
    """The API answers 400 with an error message; the page a friendly 400."""
    response = Client().get("/api/search/", query)
    assert response.status_code == 400
    assert response.json()["error"]
    page = Client().get("/search/", query)
    assert page.status_code == 400
    assert b"We could not run that search" in page.content


@pytest.mark.parametrize(
    "words",
    [
        'title:(cupboard OR "x',
        "\\",
        '"""',
        "food AND NOT && || !",
        "🥕🍎 community",
        "comm\x00unity\x1b[31m",
        "cupboard " * 22,
        "*?~^/[]{}",
        "<script>alert(1)</script>",
    ],
)
def test_odd_queries_get_sane_answers(indexed_corpus, words):
    """Lucene syntax, quotes, backslashes, emoji, control characters, long text: 200."""
    for url in ("/api/search/", "/search/", "/api/search/suggest/"):
        response = Client().get(url, {"q": words})
        assert response.status_code == 200, (url, words)
    assert Client().get("/api/search/", {"q": words}).json()["backend"] == "elasticsearch"


def test_views_make_a_constant_number_of_queries(search_index, db, django_assert_max_num_queries):
    """SQL queries do not grow with the number of results: they come from the index."""
    from search.rebuild import rebuild
    from tests.factories import CouncilPageFactory

    council = CouncilPageFactory()
    make_case_study(council, "Only one")
    rebuild(grace_seconds=0)
    client = Client()

    def counted(params):
        client.get("/api/search/", params)  # Fills the per-process copies (site, labels) first.
        with django_assert_max_num_queries(8) as queries:
            total = client.get("/api/search/", params).json()["total"]
        return total, len(queries.captured_queries)

    few = counted({})
    for number in range(30):
        make_case_study(CouncilPageFactory(), f"Many {number}")
    rebuild(grace_seconds=0)
    many = counted({"page_size": "50"})
    assert (few[0], many[0]) == (1, 31)
    assert many[1] == few[1]
    with django_assert_max_num_queries(12):
        assert client.get("/search/", {"page_size": "50"}).status_code == 200


def test_suggest_completes_titles(indexed_corpus):
    """The suggest endpoint returns titles that start with the typed words."""
    data = Client().get("/api/search/suggest/", {"q": "the wig"}).json()
    assert data["suggestions"] == [{"title": "The Wigan Deal", "url": indexed_corpus["deal"].url}]


parameter_values = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=80),
        st.sampled_from(["1", "0", "-1", "50", "51", "relevance", "budget_asc", "volunteer-led"]),
        st.integers(-(10**6), 10**6).map(str),
    ),
    max_size=3,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(max_size=10)),
        parameter_values,
        max_size=6,
    )
)
def test_arbitrary_parameters_never_cause_a_server_error(indexed_corpus, params):
    """Whatever the parameters, /api/search/ answers 200 or a 400 with a message."""
    response = Client().get("/api/search/", params)
    assert response.status_code in (200, 400)
    data = response.json()
    if response.status_code == 400:
        assert data["error"]
    else:
        assert data["backend"] == "elasticsearch"
        assert data["total"] >= len(data["results"])


def hostile_query_string(size):
    """Made-up values for every facet, as many as fit in ``size`` bytes of query string."""
    pairs, number = [], 0
    while len("&".join(pairs)) < size:
        name = list(FACETS)[number % len(FACETS)]
        pairs.append(f"{name}=made-up-value-{number:05d}")
        number += 1
    return "&".join(pairs[:-1])


def under_the_caps_query_string():
    """As many made-up values of the longest allowed length as the caps allow, spread evenly."""
    return "&".join(
        f"{name}=made-up-value-{number}-" + "x" * 230
        for name in FACETS
        for number in range(MAX_PARAMETERS // len(FACETS))
    )


@pytest.mark.parametrize(
    ("query_string", "status"),
    [(hostile_query_string(4096), 400), (under_the_caps_query_string(), 200)],
    ids=["4kB-of-short-values", "40-values-of-255-characters"],
)
def test_made_up_facet_values_do_not_amplify_the_answer(indexed_corpus, query_string, status):
    """A URL of unknown facet values gets a page no bigger than the plain search page back."""
    assert len(query_string) > 4000
    client = Client()
    for url in ("/search/", "/api/search/"):
        plain = client.get(url)
        response = client.get(f"{url}?{query_string}")
        assert response.status_code == status
        assert len(response.content) <= len(plain.content) + 1_000
        assert b"made-up-value" not in response.content


def test_unknown_values_are_ignored_and_known_ones_kept(indexed_corpus):
    """Known facet values stay selected (with a remove link); unknown ones are dropped."""
    data = (
        Client()
        .get(
            "/api/search/", {"theme": ["democracy-participation", "no-such-theme"], "year": "1066"}
        )
        .json()
    )
    selected = {
        name: [option["value"] for option in options if option["selected"]]
        for name, options in data["facets"].items()
    }
    assert selected["theme"] == ["democracy-participation"] and selected["year"] == []
    assert data["total"] == 2
    html = Client().get("/search/", {"theme": ["democracy-participation", "nope"]}).content
    assert b"Remove filter </span>Theme: Democracy and participation" in html
    assert b"nope" not in html


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x" * 201},
        {"council": [f"c{number}" for number in range(21)]},
        {name: [f"v{number}" for number in range(6)] for name in FACETS},
    ],
)
def test_too_long_a_query_or_too_many_values_is_a_400(search_index, query):
    """A query over 200 characters, over 20 values of a facet or over 40 in all: a clear 400."""
    api = Client().get("/api/search/", query)
    assert api.status_code == 400
    message = api.json()["error"]
    assert "at most" in message
    page = Client().get("/search/", query)
    assert page.status_code == 400
    assert message in page.content.decode().replace("&#x27;", "'")


def test_suggest_refuses_too_long_a_prefix(search_index):
    """The suggest endpoint answers a prefix over 200 characters with a 400 and a message."""
    response = Client().get("/api/search/suggest/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "at most 200" in response.json()["error"]


@pytest.fixture
def fresh_rate_limits():
    """Rate-limit counters from earlier tests are forgotten."""
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.mark.parametrize("url", ["/search/", "/api/search/", "/api/search/suggest/"])
def test_searches_are_rate_limited_per_client(search_index, settings, fresh_rate_limits, url):
    """Above SEARCH_RATE_LIMIT a client gets 429 with Retry-After; another client does not."""
    settings.SEARCH_RATE_LIMIT = "3/m"
    settings.SEARCH_SUGGEST_RATE_LIMIT = "3/m"
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert client.get(url, {"q": "food"}).status_code == 200
    limited = client.get(url, {"q": "food"})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "Too many searches" in limited.content.decode()
    if url != "/search/":
        validate(limited.json(), "Error")
    assert Client(REMOTE_ADDR="198.51.100.9").get(url, {"q": "food"}).status_code == 200


def test_rate_limit_counts_the_client_behind_the_trusted_proxy(
    search_index, settings, fresh_rate_limits
):
    """Behind a trusted proxy each forwarded client has its own allowance."""
    settings.SEARCH_RATE_LIMIT = "2/m"
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    first = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    second = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert [first.get("/api/search/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/search/").status_code == 200
