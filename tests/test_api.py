"""Wagtail's pages API answers bad input with a 400 or an empty list, never a server error."""

import pytest
from django.test import Client

from tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    """An anonymous client that turns server errors into responses instead of raising them."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "search", ['"', "\x00", " ", 'fridge"', 'a"b"c', "\\'\"", "\x00fridge", "\u200b"]
)
def test_odd_search_terms_are_answered(api, search):
    """Quotes, NUL, blanks and format characters in ?search= give a 400 or a list, not a 500."""
    CaseStudyPageFactory(title="Community fridge")
    response = api.get("/api/v2/pages/", {"search": search})
    assert response.status_code in (200, 400), response.content[:200]
    if response.status_code == 200:
        assert isinstance(response.json()["items"], list)
    else:
        assert response.json()["message"]


def test_a_quote_does_not_hide_the_words_around_it(api):
    """A stray quote is dropped, so the words beside it still find the page."""
    CaseStudyPageFactory(title="Community fridge")
    titles = [
        item["title"] for item in api.get("/api/v2/pages/", {"search": 'fridge"'}).json()["items"]
    ]
    assert titles == ["Community fridge"]


@pytest.mark.parametrize("offset", ["12345678901234567890", "10001", str(2**63)])
def test_huge_offset_is_a_400(api, offset):
    """An offset beyond the largest page a client may ask for is refused with a message."""
    response = api.get("/api/v2/pages/", {"offset": offset})
    assert response.status_code == 400
    assert "offset" in response.json()["message"]


def test_usual_offset_still_pages(api):
    """An ordinary offset keeps working."""
    response = api.get("/api/v2/pages/", {"offset": "1", "limit": "1"})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "99999999999999999999", "²"])
def test_find_with_a_malformed_id_is_a_400(api, value):
    """/api/v2/pages/find/?id= that is not a page id is a 400 with a message."""
    response = api.get("/api/v2/pages/find/", {"id": value})
    assert response.status_code == 400
    assert "id" in response.json()["message"]


def test_find_with_a_real_id_still_redirects(api):
    """A valid id is found as before."""
    page = CaseStudyPageFactory(title="Community fridge")
    response = api.get("/api/v2/pages/find/", {"id": str(page.pk)})
    assert response.status_code == 302
    assert f"/api/v2/pages/{page.pk}/" in response["Location"]
