"""/compare/: two or three live, public case studies side by side; any other choice is a 400."""

import re

import pytest
from wagtail.models import PageViewRestriction

from casestudies.models import Approach, CaseStudyOutcome, CaseStudyPartner, Theme
from casestudies.vocabulary import CouncilType, EvidenceLevel, PartnerKind, Region, Status
from tests.factories import CaseStudyPageFactory, CouncilPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    """Two case studies from different councils with every compared field filled in."""
    york = CouncilPageFactory(
        title="Yorkshire Example Council",
        council_type=CouncilType.UNITARY,
        region=Region.YORKSHIRE,
        population=210_000,
    )
    shire = CouncilPageFactory(
        title="Exampleshire County Council",
        council_type=CouncilType.COUNTY,
        region=Region.EAST_MIDLANDS,
        is_example=True,
    )
    first = CaseStudyPageFactory(
        parent=york,
        title="Warm spaces",
        approaches=[Approach.objects.get(slug="volunteer-led")],
        themes=[Theme.objects.get(slug="older-people-care")],
        budget=8_500,
        status=Status.SCALED,
        start_year=2021,
        start_month=10,
        end_year=2023,
        end_month=3,
    )
    second = CaseStudyPageFactory(
        parent=shire,
        title="Neighbourhood vote",
        themes=[Theme.objects.get(slug="democracy-participation")],
        budget=None,
        status=Status.PILOT,
        start_year=None,
    )
    CaseStudyOutcome.objects.create(
        page=first, statement="640 people used a warm space", evidence_level=EvidenceLevel.MONITORED
    )
    CaseStudyPartner.objects.create(page=first, name="Village halls", kind=PartnerKind.VOLUNTARY)
    return first, second


def compare(client, *ids):
    return client.get("/compare/", {"ids": [str(pk) for pk in ids]})


def cells(html, heading):
    """The text of each cell in the row headed ``heading``."""
    row = re.search(rf'<th scope="row"[^>]*>{heading}</th>(.*?)</tr>', html, re.S).group(1)
    found = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in found]


def test_two_case_studies_side_by_side_in_the_order_chosen(client, pair):
    """Each compared field is a row, with a column per case study in the order of the ids."""
    first, second = pair
    response = compare(client, second.pk, first.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Neighbourhood vote") < html.index("Warm spaces")
    expected = {
        "Council": ["Exampleshire County Council (fictional example)", "Yorkshire Example Council"],
        "Council type": ["County council", "Unitary authority"],
        "Region": ["East Midlands", "Yorkshire and The Humber"],
        "Population": ["Not stated", "210,000"],
        "Approaches": [second.approaches.get().name, "Volunteer-led"],
        "Themes": ["Democracy and participation", "Older people and care"],
        "Budget": ["Not stated", "£8,500 (Under £10k)"],
        "Status": ["Pilot", "Scaled up"],
        "Dates": ["Not stated", "October 2021 to March 2023"],
        "Outcomes": ["Not stated", "640 people used a warm space Monitored"],
        "Partners": ["Not stated", "Village halls (Voluntary or community group)"],
    }
    for heading, values in expected.items():
        assert cells(html, heading) == values, heading


def test_three_case_studies_are_compared_in_a_bounded_number_of_queries(
    client, pair, django_assert_max_num_queries
):
    """Three case studies load with their vocabulary, outcomes and partners in a few queries."""
    third = CaseStudyPageFactory(parent=pair[0].get_parent())
    with django_assert_max_num_queries(12):
        response = compare(client, pair[0].pk, pair[1].pk, third.pk)
    assert response.status_code == 200
    assert len(cells(response.content.decode(), "Status")) == 3


@pytest.mark.parametrize(
    "ids, message",
    [
        ((), "Tick 2 or 3 case studies to compare (you chose 0)."),
        (("first",), "Tick 2 or 3 case studies to compare (you chose 1)."),
        (("first", "first"), "Tick 2 or 3 case studies to compare (you chose 1)."),
        (("first", "second", "third", "fourth"), "(you chose 4)."),
        (("first", "abc"), "Case studies are chosen by their number"),
        (("first", "9" * 40), "Case studies are chosen by their number"),
        (("first", "999999"), "is not published"),
    ],
)
def test_a_choice_that_cannot_be_compared_is_a_400_saying_why(client, pair, ids, message):
    """No ids, one, more than three, non-numbers and unknown ids are a 400 with a message."""
    known = {"first": pair[0].pk, "second": pair[1].pk}
    for name in ("third", "fourth"):
        known[name] = CaseStudyPageFactory(parent=pair[0].get_parent()).pk
    response = compare(client, *(known.get(value, value) for value in ids))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem with your choice" in html
    assert message in html.replace("&#x27;", "'")


def test_drafts_and_private_case_studies_are_not_compared(client, pair):
    """A draft or a password-protected case study is refused like an unknown one."""
    first, second = pair
    draft = CaseStudyPageFactory(parent=first.get_parent(), live=False)
    assert compare(client, first.pk, draft.pk).status_code == 400
    PageViewRestriction.objects.create(
        page=second, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = compare(client, first.pk, second.pk)
    assert response.status_code == 400
    assert "Neighbourhood vote" not in response.content.decode()


@pytest.mark.parametrize(
    "back, expected",
    [
        ("?q=village&status=running", "/search/?q=village&amp;status=running"),
        ("", "/search/"),
        ("//evil.example/", "/search/"),
        ("https://evil.example/", "/search/"),
        ("?q=a\nb", "/search/"),
        ("?" + "x" * 5000, "/search/"),
    ],
)
def test_the_way_back_is_the_search_the_ticks_came_from_and_nowhere_else(
    client, pair, back, expected
):
    """The back link is the search page with the query string given, or the plain search page."""
    for ids in ([pair[0].pk, pair[1].pk], [pair[0].pk]):
        html = client.get("/compare/", {"ids": ids, "back": back}).content.decode()
        assert re.findall(r'href="([^"]*)">(?:Back to|Go back to) the search', html) == [expected]


def test_compare_answers_only_get(client, pair):
    """The comparison is a plain GET page; other methods are refused."""
    assert client.post("/compare/", {"ids": [pair[0].pk, pair[1].pk]}).status_code == 405
