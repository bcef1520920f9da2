"""The public pages: templates, titles, what the public and signed-in users see."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from casestudies.models import CaseStudyPage, HomePage
from tests.factories import (
    ApproachFactory,
    CaseStudyPageFactory,
    CouncilPageFactory,
    ThemeFactory,
    UserFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

SITE = "Co-operative Councils Knowledge Network"
DASH = "\u2013"  # the en dash between page and site in every title


def test_case_study_page_shows_key_facts_and_title(client):
    """The case study page has the page-dash-site title, description, OG tags and key facts."""
    council = CouncilPageFactory(
        title="Exampleshire County Council", council_type="county", region="east-midlands"
    )
    page = CaseStudyPageFactory(
        parent=council,
        title="Village warm spaces",
        summary="Village halls open as warm places in winter.",
        approaches=[ApproachFactory(name="Volunteer-led", slug="volunteer-led")],
        themes=[ThemeFactory(name="Older people and care", slug="older-people-care")],
        budget=8_500,
        funding_sources=["councillor-funds"],
        start_year=2022,
        start_month=10,
        people_reached=640,
    )
    html = client.get(page.url).content.decode()
    assert f"<title>Village warm spaces {DASH} {SITE}</title>" in html
    description = "Village halls open as warm places in winter."
    assert f'<meta name="description" content="{description}">' in html
    assert '<meta property="og:title" content="Village warm spaces">' in html
    assert '<meta property="og:type" content="article">' in html
    for fact in (
        "Exampleshire County Council",
        "County council",
        "East Midlands",
        "£8,500",
        "Under £10k",
        "Councillors&#x27; community funds",
        "Since October 2022",
        "640",
        'href="/search/?approach=volunteer-led">Volunteer-led</a>',
        'href="/search/?theme=older-people-care">Older people and care</a>',
    ):
        assert fact in html, fact
    assert 'media="print"' in html


def test_unknown_figures_read_not_stated(client):
    """A case study without budget, dates or reach says 'Not stated' rather than inventing."""
    page = CaseStudyPageFactory(budget=None, start_year=None)
    html = client.get(page.url).content.decode()
    assert html.count("Not stated") >= 5


def test_contact_shows_name_and_role_never_the_email(client):
    """Public or signed in, the page names the contact and links to the relay form, no email."""
    council = CouncilPageFactory(website="https://www.example.org/", general_inbox="in@x.example")
    page = CaseStudyPageFactory(
        parent=council,
        contact_name="Sam Officer",
        contact_role="Project lead",
        contact_email="sam@example.org",
    )
    for user in (None, UserFactory()):
        if user:
            client.force_login(user)
        html = client.get(page.url).content.decode()
        assert "sam@example.org" not in html and "in@x.example" not in html
        assert "Sam Officer, Project lead" in html
        assert f'href="/ask/{page.pk}/">Ask the author a question' in html
        assert 'href="https://www.example.org/">' in html


def test_contact_never_links_to_the_council_page_without_a_website(client):
    """A council with no website is no 'contact' link to its own page; the relay form remains."""
    council = CouncilPageFactory(website="")
    page = CaseStudyPageFactory(parent=council)
    html = client.get(page.url).content.decode()
    assert council.contact_url == ""
    contact = html.split(">Contact</h2>")[1].split("<h2")[0]
    assert f'href="{council.url}"' not in contact
    assert f'href="/ask/{page.pk}/"' in contact


def test_draft_case_study_is_not_public(client):
    """An unpublished case study's URL is a 404 for the public and its council does not list it."""
    council = CouncilPageFactory()
    CaseStudyPageFactory(parent=council, title="Published one")
    draft = CaseStudyPageFactory(parent=council, title="Secret draft", live=False)
    response = client.get(draft.url_path.removeprefix("/home"))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    council_html = client.get(council.url).content.decode()
    assert "Published one" in council_html
    assert "Secret draft" not in council_html


def test_council_page_paginates_its_case_studies(client):
    """A council with more than a page of case studies shows 20 and links to the next page."""
    council = CouncilPageFactory()
    for number in range(21):
        CaseStudyPageFactory(parent=council, title=f"Project {number}")
    first = client.get(council.url).content.decode()
    assert "21 published case studies, showing 1 to 20" in first
    assert 'href="?page=2"' in first
    second = client.get(council.url, {"page": "2"}).content.decode()
    assert "showing 21 to 21" in second
    assert client.get(council.url, {"page": "nonsense"}).status_code == 200


def test_home_page_lists_latest_and_browse_links(client):
    """The home page shows the latest case studies, theme and approach links and councils."""
    council = CouncilPageFactory(title="Demoford District Council")
    CaseStudyPageFactory(
        parent=council,
        title="Library digital buddies",
        themes=[ThemeFactory(name="Digital inclusion", slug="digital-inclusion")],
    )
    html = client.get("/").content.decode()
    assert f"<title>{SITE}</title>" in html
    assert "Library digital buddies" in html
    assert 'href="/search/?theme=digital-inclusion">Digital inclusion</a>' in html
    assert "Demoford District Council" in html
    assert home_page().title in html


def test_every_page_has_skip_link_navigation_search_and_footer(client):
    """The base layout gives pages a skip link, the main navigation, a search box and a footer."""
    html = client.get("/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html
    for link in ('href="/search/"', 'href="/councils/"', 'href="/about/"'):
        assert link in html
    assert 'action="/search/"' in html and 'name="q"' in html
    assert 'href="/accessibility-statement/"' in html and 'href="/privacy/"' in html
    assert "govuk/govuk-frontend.min.css" in html


def test_server_error_page_needs_no_request_or_database(django_assert_num_queries):
    """The 500 page renders from the template alone, as Django does when the database is down."""
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert f"{DASH} {SITE}</title>" in html


def test_deep_urls_are_found_by_url_path_and_the_rest_are_404(
    client, django_assert_max_num_queries
):
    """A case study's URL resolves in one lookup; unknown or draft deep URLs answer 404."""
    council = CouncilPageFactory(title="Routeshire Council")
    page = CaseStudyPageFactory(parent=council, title="Repair cafes")
    draft = CaseStudyPageFactory(parent=council, title="Unfinished idea", live=False)
    client.get(page.url)  # Site root paths are cached per process after the first request.
    with django_assert_max_num_queries(6) as captured:
        route = HomePage.route_for_request(RequestFactory().get(page.url), page.url)
    assert route.page == page and isinstance(route.page, CaseStudyPage)
    # Wagtail's default looks up a child by slug at each of the three levels.
    assert sum('"slug" = ' in query["sql"] for query in captured.captured_queries) == 1
    assert client.get(page.url).status_code == 200
    assert client.get(council.url).status_code == 200
    assert client.get(f"{council.url}no-such-case-study/").status_code == 404
    assert client.get(draft.url or f"{council.url}{draft.slug}/").status_code == 404


def test_council_list_counts_only_live_public_case_studies(client):
    """A council's count on the council list leaves out its drafts and its private pages."""
    from wagtail.models import PageViewRestriction

    council = CouncilPageFactory(title="Countshire Council")
    CaseStudyPageFactory(parent=council, title="Open project")
    CaseStudyPageFactory(parent=council, title="Unfinished project", live=False)
    private = CaseStudyPageFactory(parent=council, title="Private project")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="pw")
    html = client.get(council.get_parent().url).content.decode()
    assert "Countshire Council" in html
    assert "1 case study" in html
    assert "2 case studies" not in html
