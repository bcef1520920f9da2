"""The three journeys of issue 6, end to end in Chromium: officer, moderator, practitioner.

They share one site (built once for this module) and follow on from each other: the officer's
case study is the one the moderator approves and the practitioner finds.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from PIL import Image
from playwright.sync_api import expect

from casestudies.models import Approach, CaseStudyOutcome, CaseStudyPage, Theme
from casestudies.vocabulary import EvidenceLevel

from . import corpus
from .helpers import ARTIFACTS, DESKTOP, PHONE, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]

TITLE = "Demoford market community fridge"
SUMMARY = (
    "Volunteers collect surplus food from market traders each evening and share it from a "
    "fridge in the market hall that anyone may use."
)
OUTCOME = "Two tonnes of food shared in the first year"


@pytest.fixture(scope="module")
def hero_image(tmp_path_factory):
    """A small photograph-sized PNG for the officer to upload."""
    path = tmp_path_factory.mktemp("uploads") / "market-fridge.png"
    Image.new("RGB", (1200, 800), (11, 93, 75)).save(path)
    return path


def submit_for_review(site, title=TITLE):
    """The officer's case study, drafted and submitted without the browser."""
    council = site.councils["demoford"]
    officer = get_user_model().objects.get(username=corpus.OFFICER)
    draft = CaseStudyPage(
        title=title, summary=SUMMARY, budget=6_500, start_year=2024, live=False, owner=officer
    )
    council.add_child(instance=draft)
    draft.approaches.set(Approach.objects.filter(slug="volunteer-led"))
    draft.themes.set(Theme.objects.filter(slug__in=["food-poverty", "health-wellbeing"]))
    CaseStudyOutcome.objects.create(
        page=draft, statement=OUTCOME, evidence_level=EvidenceLevel.MONITORED
    )
    revision = draft.save_revision(user=officer)
    draft.get_workflow().start(draft, officer)
    return revision.content_object


@pytest.fixture
def submitted(site):
    """The case study in review: the officer journey's, or made the same way if it did not run."""
    existing = CaseStudyPage.objects.filter(title=TITLE).first()
    return existing or submit_for_review(site)


@pytest.fixture
def approved(submitted):
    """The case study live and indexed, whether or not the moderator journey ran."""
    if not submitted.live:
        submitted.get_latest_revision().publish()
    return submitted


def test_officer_creates_and_submits_a_case_study(page, site, hero_image):
    """A council officer signs in, writes a case study with an image and submits it for review."""
    sign_in(page, corpus.OFFICER)
    council = site.councils["demoford"]
    page.goto(f"/admin/pages/{council.pk}/")
    page.get_by_role("link", name="Add child page").click()

    page.get_by_placeholder("Page title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill(SUMMARY)
    page.get_by_role("checkbox", name="Volunteer-led").check()
    page.get_by_role("checkbox", name="Food and poverty").check()
    page.get_by_role("checkbox", name="Health and wellbeing").check()
    page.get_by_role("spinbutton", name="Budget").fill("6500")
    page.get_by_role("checkbox", name="Councillors' community funds").check()
    page.get_by_role("spinbutton", name="Start year").fill("2024")

    page.locator("#id_outcomes-ADD").click()
    page.get_by_role("textbox", name="Statement").fill(OUTCOME)
    page.get_by_role("combobox", name="Evidence level").select_option(label="Monitored")

    page.get_by_role("button", name="Choose an image").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.get_by_label("File").set_input_files(hero_image)
    # Wagtail fills the title in from the file name; wait for that, then give a better one.
    image_title = chooser.get_by_role("textbox", name="Title")
    expect(image_title).to_have_value("market-fridge")
    image_title.fill("Market hall fridge")
    chooser.get_by_role("button", name="Upload").click()
    expect(page.locator("#id_hero_image-title")).to_have_text("Market hall fridge")
    page.get_by_role("textbox", name="Hero image alt text").fill(
        "A tall glass-fronted fridge full of fruit and vegetables in a market hall"
    )
    screenshot(page, "officer", "01 case study form")

    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="Submit to Network review").click()
    expect(page.get_by_text(re.compile(f"{TITLE}.*submitted"))).to_be_visible()
    screenshot(page, "officer", "02 submitted")

    submitted = CaseStudyPage.objects.get(title=TITLE)
    assert not submitted.live
    assert submitted.current_workflow_state.status == "in_progress"
    draft = submitted.get_latest_revision_as_object()
    assert (draft.budget, draft.budget_band, draft.funding_sources) == (
        6_500,
        "under-10k",
        ["councillor-funds"],
    )
    assert {term.slug for term in draft.approaches.all()} == {"volunteer-led"}
    assert {term.slug for term in draft.themes.all()} == {"food-poverty", "health-wellbeing"}
    assert [outcome.statement for outcome in draft.outcomes.all()] == [OUTCOME]
    assert draft.hero_image.title == "Market hall fridge"
    assert draft.hero_alt.startswith("A tall glass-fronted fridge")


def test_moderator_reviews_and_approves_it(page, site, submitted):
    """A moderator finds the submission in the pending-review panel, views it and approves it."""
    sign_in(page, corpus.MODERATOR)
    panel = page.get_by_role("region", name="Pending reviews")
    row = panel.get_by_role("row", name=re.compile(TITLE))
    expect(row).to_contain_text(corpus.OFFICER)
    screenshot(page, "moderator", "01 pending reviews")

    # A new page has no live version to compare with: the panel offers the submitted revision.
    row.get_by_role("link", name="New page: view").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("table", name="Outcomes")).to_contain_text(OUTCOME)
    screenshot(page, "moderator", "02 submitted revision")

    page.go_back()
    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("textbox", name="Summary")).to_have_value(SUMMARY)
    # One main button for the decision; no plain Publish that would skip it.
    page.get_by_role("button", name="Approve and publish", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator(".messages")).to_contain_text(f"Page '{TITLE}' has been updated")
    expect(page.get_by_role("region", name="Pending reviews")).not_to_contain_text(TITLE)
    screenshot(page, "moderator", "03 approved, back at the queue")

    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.current_workflow_state is None


def test_moderator_compares_an_edit_with_the_live_page(page, site):
    """The compare view lists only what changed: the budget, in pounds; the body is not flagged."""
    live = CaseStudyPage.objects.get(title="Village warm spaces network")
    officer = get_user_model().objects.get(username=corpus.OFFICER)
    live.budget = 9_750
    live.save_revision(user=officer)
    live.get_workflow().start(live, officer)

    sign_in(page, corpus.MODERATOR)
    row = page.get_by_role("region", name="Pending reviews").get_by_role(
        "row", name=re.compile(live.title)
    )
    row.get_by_role("link", name="Compare with live").click()
    expect(page.locator(".deletion", has_text="£8,500")).to_be_visible()
    expect(page.locator(".addition", has_text="£9,750")).to_be_visible()
    screenshot(page, "moderator", "compare with live")
    expect(page.get_by_text("Body", exact=True)).to_have_count(0)


def test_moderator_requests_changes_and_the_officer_sees_them(page, site):
    """The moderator's request for changes, with a comment, is a banner on the officer's editor."""
    draft = submit_for_review(site, title="Demoford repair cafe")
    comment = "Please say how many items were repaired."
    sign_in(page, corpus.MODERATOR)
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="Request changes").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Comment").fill(comment)
    dialog.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messages")).to_contain_text("Demoford repair cafe")

    page.context.clear_cookies()
    sign_in(page, corpus.OFFICER)
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    banner = page.locator(".messages")
    expect(banner).to_contain_text(f"Changes requested by {corpus.MODERATOR}")
    expect(banner).to_contain_text(comment)
    screenshot(page, "officer", "changes requested banner")


def result_count(page):
    return page.locator("#search-count")


def facet(page, legend, label):
    group = page.get_by_role("group", name=legend)
    return group.get_by_role("checkbox", name=re.compile(f"^{re.escape(label)} "))


def print_to_pdf(page, name):
    """Print the page as a practitioner would for a meeting: content only, no page furniture."""
    furniture = [
        page.get_by_role("banner", include_hidden=True),
        page.get_by_role("contentinfo", include_hidden=True),
        page.get_by_role("button", name="Print this case study", include_hidden=True),
        page.get_by_role("complementary", name="Related case studies", include_hidden=True),
    ]
    for part in furniture:
        expect(part).to_be_visible()
    page.emulate_media(media="print")
    for part in furniture:
        expect(part).to_be_hidden()
    expect(page.get_by_role("heading", name="Key facts")).to_be_visible()
    folder = ARTIFACTS / "print"
    folder.mkdir(parents=True, exist_ok=True)
    page.pdf(path=folder / f"{name}.pdf", format="A4")
    page.screenshot(path=folder / f"{name}.png", full_page=True)
    page.emulate_media(media="screen")


def test_practitioner_searches_filters_and_follows_related(page, approved):
    """A practitioner searches from the home page, narrows by approach and budget, reads on."""
    page.goto("/")
    screenshot(page, "practitioner", "01 home")
    search_box = page.get_by_role("main").get_by_role("searchbox", name="Search case studies")
    search_box.fill("volunteers")
    search_box.press("Enter")
    expect(result_count(page)).to_have_text(
        re.compile(r"^\s*5 case studies for \u2018volunteers\u2019")
    )
    expect(facet(page, "Budget", "£10k to £50k")).to_have_accessible_name(
        re.compile(r"\(3\s+case studies\s*\)")
    )

    # Ticking a box updates the results in place: the count changes inside the same live
    # region (so screen readers announce it) and focus stays on the box.
    result_count(page).evaluate("element => { element.dataset.probe = 'same element'; }")
    facet(page, "Approach", "Volunteer-led").click()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*3 case studies"))
    expect(result_count(page)).to_have_attribute("data-probe", "same element")
    expect(facet(page, "Approach", "Volunteer-led")).to_be_focused()
    expect(page).to_have_url(re.compile(r"approach=volunteer-led"))
    expect(facet(page, "Budget", "£10k to £50k")).to_have_accessible_name(
        re.compile(r"\(1\s+case study\s*\)")
    )
    facet(page, "Budget", "Under £10k").click()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*2 case studies"))
    expect(facet(page, "Approach", "Volunteer-led")).to_be_checked()
    screenshot(page, "practitioner", "02 filtered results")

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("img", name=re.compile("glass-fronted fridge"))).to_be_visible()
    expect(page.get_by_role("table", name="Outcomes")).to_contain_text(OUTCOME)
    screenshot(page, "practitioner", "03 case study")
    print_to_pdf(page, "case-study")

    related = page.get_by_role("complementary", name="Related case studies").get_by_role("link")
    expect(related.first).to_be_visible()
    related_title = related.first.inner_text()
    related.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(related_title)
    screenshot(page, "practitioner", "04 related case study")

    page.go_back()
    page.go_back()
    page.get_by_role("link", name="Remove filter Budget: Under £10k").click()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*3 case studies"))
    expect(facet(page, "Budget", "Under £10k")).not_to_be_checked()
    screenshot(page, "practitioner", "05 filter removed")


def test_practitioner_searches_without_javascript(page_without_js, approved):
    """With JavaScript off the header search, the filters and the results still work."""
    page = page_without_js
    page.goto("/")
    header = page.get_by_role("region", name="Site navigation and search")
    header.get_by_role("searchbox", name="Search case studies").fill("fridge")
    header.get_by_role("button", name="Search").click()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*1 case study for \u2018fridge\u2019"))

    page.get_by_label("Words to search for").fill("volunteers")
    facet(page, "Approach", "Volunteer-led").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"approach=volunteer-led"))
    expect(result_count(page)).to_have_text(
        re.compile(r"^\s*3 case studies for \u2018volunteers\u2019")
    )
    screenshot(page, "practitioner-no-js", "01 filtered results")

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    screenshot(page, "practitioner-no-js", "02 case study")


COMPARED = ["Village warm spaces network", "Community-owned village shop"]


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_practitioner_ticks_two_results_and_compares_them(request, site, javascript, size):
    """Ticking two cards and choosing compare shows them side by side, with or without
    JavaScript; ticking never reruns the search and survives a filter applied in place; on a
    phone the table scrolls sideways with the row names kept in view."""
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    page.set_viewport_size(PHONE if size == "phone" else DESKTOP)
    searches = []
    page.on("request", lambda sent: searches.append(sent.url) if "/search/" in sent.url else None)
    page.goto("/search/?q=village")
    expect(result_count(page)).to_have_text(re.compile(r"^\s*\d+ case stud"))
    first, second = (page.get_by_role("checkbox", name=f"Compare {title}") for title in COMPARED)
    first.check()
    if javascript:
        # A filter applied in place keeps the ticks of the results still listed.
        facet(page, "Status", "Running").click()
        expect(page).to_have_url(re.compile(r"status=running"))
        expect(first).to_be_checked()
    loaded = len(searches)
    second.check()
    expect(first).to_be_checked()
    screenshot(page, "compare", f"01 ticked {'js' if javascript else 'no-js'}")
    page.get_by_role("button", name="Compare ticked case studies").click()

    expect(page).to_have_url(re.compile(r"/compare/\?ids=\d+&ids=\d+&back=[^&]+$"))
    assert len(searches) == loaded, "ticking a compare box reran the search"
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare case studies")
    table = page.get_by_role("table", name="2 case studies side by side")
    for title in COMPARED:
        expect(table.get_by_role("columnheader", name=title)).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("^Budget"))).to_contain_text("£8,500")
    expect(table).to_contain_text("31 warm spaces open each winter")
    region = page.get_by_role("region", name="2 case studies side by side")
    if size == "phone":
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        label = table.get_by_role("rowheader", name="Budget").bounding_box()
        assert 0 <= label["x"] < PHONE["width"] / 2
    screenshot(page, "compare", f"02 compare page {'js' if javascript else 'no-js'}")
    page.get_by_role("link", name="Back to the search").click()
    expect(page).to_have_url(
        re.compile(r"/search/\?q=village&status=running" if javascript else r"/search/\?q=village$")
    )


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reader_finds_the_cookies_page_and_gets_no_cookie(page, site, size):
    """Reading and searching leave no cookie; the footer's Cookies page lists the signed-in ones."""
    page.set_viewport_size(size)
    page.goto("/")
    page.goto("/search/?q=fridge&approach=volunteer-led")
    page.get_by_role("contentinfo").get_by_role("link", name="Cookies").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cookies")
    for name in ("sessionid", "csrftoken"):
        expect(page.get_by_role("heading", level=3, name=name)).to_be_visible()
    screenshot(page, "reader-cookies", f"cookies page {size['width']}")
    assert page.context.cookies() == []


def test_sitemap_and_api_point_at_the_sites_own_address(page, site):
    """Sitemap entries and API links use the Site record's address (here the live server's)."""
    sitemap = page.goto("/sitemap.xml").text()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(site.url + "/") for loc in locations), locations

    # Asked as a client would (a browser's Accept header gets the browsable HTML version).
    api = page.request.get("/api/v2/pages/?type=casestudies.CaseStudyPage").json()
    assert api["items"]
    assert all(item["meta"]["html_url"].startswith(site.url + "/") for item in api["items"])
    assert "localhost" not in sitemap


def option_names(page, legend):
    return (
        page.get_by_role("group", name=legend)
        .get_by_role("checkbox")
        .evaluate_all(
            "boxes => boxes.map(box => box.labels[0].innerText.replace(/\\s*\\(.*$/s, ''))"
        )
    )


def test_facet_options_stay_put_and_empty_bands_are_disabled(page, approved):
    """Ticking boxes moves no option; a budget band finding nothing is listed but disabled;
    the evidence facet narrows to case studies with evaluated outcomes."""
    page.goto("/search/?q=volunteers")
    approaches = option_names(page, "Approach")
    bands = option_names(page, "Budget")
    expect(facet(page, "Budget", "£1m and over")).to_be_disabled()
    facet(page, "Budget", "£10k to £50k").click()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*3 case studies"))
    assert option_names(page, "Budget") == bands
    kept = option_names(page, "Approach")
    assert kept == [name for name in approaches if name in kept]
    facet(page, "Strongest evidence", "Independently evaluated").click()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*1 case study"))
    expect(page.get_by_role("link", name="School holiday food clubs")).to_be_visible()
    screenshot(page, "practitioner", "06 stable facets")


def filter_group(page):
    return page.get_by_role("group", name="Approach")


def test_phone_search_shows_results_first_with_a_filter_toggle(page, approved):
    """At 375 px the results come first; Filter opens the filters, a tick updates "Show N
    results", which closes them onto the results; at desktop width nothing is hidden."""
    page.set_viewport_size(PHONE)
    page.goto("/search/?q=volunteers")
    expect(filter_group(page)).to_be_hidden()
    assert page.locator(".search-result").first.bounding_box()["y"] < PHONE["height"]
    screenshot(page, "practitioner-phone", "01 results first")
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(filter_group(page)).to_be_visible()
    expect(page.locator(".search-result").first).to_be_hidden()
    facet(page, "Approach", "Volunteer-led").click()
    # The count stays in view above the filters, in its live region.
    expect(result_count(page)).to_have_text(re.compile(r"^\s*3 case studies"))
    expect(result_count(page)).to_be_in_viewport()
    show = page.get_by_role("button", name="Show 3 results")
    expect(show).to_be_visible()
    page.screenshot(path=ARTIFACTS / "screenshots" / "practitioner-phone" / "02-filters-open.png")
    show.click()
    expect(filter_group(page)).to_be_hidden()
    expect(page.get_by_role("button", name="Filter (1 selected)")).to_be_focused()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*3 case studies"))
    page.set_viewport_size(DESKTOP)
    expect(filter_group(page)).to_be_visible()
    expect(page.get_by_role("button", name="Filter (1 selected)")).to_be_hidden()


def test_phone_search_filters_without_javascript(page_without_js, approved):
    """Without JavaScript the Filter link opens the filters and "Show results" applies them."""
    page = page_without_js
    page.set_viewport_size(PHONE)
    page.goto("/search/?q=volunteers")
    expect(filter_group(page)).to_be_hidden()
    page.get_by_role("link", name="Filter", exact=True).click()
    expect(filter_group(page)).to_be_visible()
    expect(page.get_by_role("button", name="Apply filters")).to_be_hidden()
    facet(page, "Approach", "Volunteer-led").check()
    page.get_by_role("button", name="Show results").click()
    expect(page).to_have_url(re.compile(r"approach=volunteer-led"))
    expect(result_count(page)).to_have_text(re.compile(r"^\s*3 case studies"))
    expect(filter_group(page)).to_be_hidden()
    expect(page.get_by_role("link", name="Filter (1 selected)")).to_be_visible()
    screenshot(page, "practitioner-phone-no-js", "01 filtered results")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_zero_results_say_what_removing_each_filter_gives(request, approved, javascript):
    """A search finding nothing keeps its filters and offers each one's removal with the count
    it gives, at desktop and phone width, with and without JavaScript."""
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    page.goto("/search/?q=volunteers&approach=volunteer-led&budget=50k-250k")
    expect(page.get_by_role("heading", name="No case studies match")).to_be_visible()
    expect(facet(page, "Approach", "Volunteer-led")).to_be_checked()
    remove = page.get_by_role("link", name="Remove budget: £50k to £250k (3 results)")
    expect(remove).to_be_visible()
    # A removal that would still find nothing is said, not linked.
    expect(
        page.get_by_text("Removing approach: Volunteer-led alone still finds nothing")
    ).to_be_visible()
    expect(page.get_by_role("link", name="browse all case studies")).to_be_visible()
    screenshot(page, f"practitioner-zero-{'js' if javascript else 'no-js'}", "01 no results")
    page.set_viewport_size(PHONE)
    expect(remove).to_be_visible()
    remove.click()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*3 case studies"))
