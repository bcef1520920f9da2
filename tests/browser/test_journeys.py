"""The three journeys end to end in Chromium (officer, moderator, practitioner), and what any
reader meets.

They share one site (built once for this module) and follow on from each other: the officer's
case study is the one the moderator approves and the practitioner finds.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from PIL import Image
from playwright.sync_api import expect

from casestudies.models import CaseStudyPage

from . import corpus
from .corpus import OUTCOME, SUMMARY, TITLE
from .helpers import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    clicks_so_far,
    count_clicks,
    facet,
    result_count,
    screenshot,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]

CHALLENGE = "Fresh food from the market was thrown away while families went without."
WHAT_WE_DID = "Volunteers keep a shared fridge in the market hall, stocked by traders."
HERO_ALT = "A tall glass-fronted fridge full of fruit and vegetables in a market hall"


@pytest.fixture(scope="module")
def hero_image(tmp_path_factory):
    """A small photograph-sized PNG for the officer to upload."""
    path = tmp_path_factory.mktemp("uploads") / "market-fridge.png"
    Image.new("RGB", (1200, 800), (11, 93, 75)).save(path)
    return path


# The officer's clicks (and select choices) from the council's page list to a submitted case
# study with two sections of story, an outcome and a photograph; typing is not counted.
OFFICER_CLICKS = 13


def test_officer_creates_and_submits_a_case_study(page, site, hero_image):
    """A council officer writes a case study under the prefilled headings and submits it."""
    sign_in(page, corpus.OFFICER)
    council = site.councils["demoford"]
    count_clicks(page)
    page.goto(f"/admin/pages/{council.pk}/")
    page.get_by_role("link", name="Add child page").click()

    page.get_by_placeholder("Page title*").fill(TITLE)
    summary = page.get_by_role("textbox", name="Summary")
    summary.fill(SUMMARY)
    expect(page.get_by_text(f"You have {300 - len(SUMMARY)} characters remaining")).to_be_visible()
    volunteer_led = page.get_by_role("checkbox", name="Volunteer-led")
    expect(volunteer_led).to_have_accessible_description(re.compile(r"\w"))
    volunteer_led.check()
    page.get_by_role("checkbox", name="Food and poverty").check()
    page.get_by_role("checkbox", name="Health and wellbeing").check()
    page.get_by_role("spinbutton", name="Budget").fill("6500")
    page.get_by_role("checkbox", name="Councillors' community funds").check()
    page.get_by_role("spinbutton", name="Start year").fill("2024")

    # The story comes prefilled with the standard headings; write under the first two.
    story = page.locator("[data-contentpath='body'] [contenteditable='true']")
    expect(story).to_have_count(5)
    story.nth(0).click()
    page.keyboard.type(CHALLENGE)
    story.nth(1).click()
    page.keyboard.type(WHAT_WE_DID)

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
    chooser.get_by_role("textbox", name="Alt text").fill(HERO_ALT)
    chooser.get_by_role("button", name="Upload").click()
    expect(page.locator("#id_hero_image-title")).to_have_text("Market hall fridge")
    expect(chooser).to_be_hidden()
    expect(page.locator(".modal-backdrop")).to_have_count(0)
    expect(page.get_by_role("textbox", name=re.compile("alt text", re.I))).to_have_count(0)
    screenshot(page, "officer", "01 case study form")

    # Submitting is the footer's main button, not an item behind its caret.
    page.locator("footer").get_by_role("button", name="Submit to Network review").click()
    expect(page.get_by_text(re.compile(f"{TITLE}.*submitted"))).to_be_visible()
    assert clicks_so_far(page) == OFFICER_CLICKS
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
    # Only the sections written under are kept.
    sections = [(block.value["heading"], block.value["text"].source) for block in draft.body]
    assert [heading for heading, _ in sections] == ["challenge", "what-we-did"]
    assert CHALLENGE in sections[0][1] and WHAT_WE_DID in sections[1][1]
    assert draft.hero_image.title == "Market hall fridge"
    assert draft.hero_alt == HERO_ALT


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
    draft = corpus.submit_for_review(site, title="Demoford repair cafe")
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
