"""The practitioner's journeys in Chromium beyond the first search: compare, stable facets, and the
phone and empty-page layouts, on the officer's case study once approved."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import ARTIFACTS, DESKTOP, PHONE, facet, result_count, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]


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
        # A filter applied in place keeps the ticks of the results still listed; a phone
        # opens the filters over the results first and closes them onto the results after.
        if size == "phone":
            page.get_by_role("button", name="Filter", exact=True).click()
        facet(page, "Status", "Running").click()
        expect(page).to_have_url(re.compile(r"status=running"))
        if size == "phone":
            page.get_by_role("button", name=re.compile(r"^Show \d+ results?$")).click()
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


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_new_words_sort_by_relevance_and_did_you_mean_keeps_the_filters(
    request, approved, javascript
):
    """Words typed after filtering sort by relevance, "Did you mean" keeps the filters, and a
    page past the end shows the last page instead of "showing 161 to 160"."""
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    page.goto("/search/?approach=volunteer-led")
    sort = page.get_by_label("Sort by")
    expect(sort).to_have_value("newest")
    page.get_by_label("Words to search for").fill("volunters")
    page.locator("#search-form").get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=volunters"))
    expect(sort).to_have_value("relevance")
    suggestion = page.locator(".search-suggestion a")
    expect(suggestion).to_have_text("volunteers")
    suggestion.click()
    expect(page).to_have_url(re.compile(r"q=volunteers"))
    expect(page).to_have_url(re.compile(r"approach=volunteer-led"))
    expect(facet(page, "Approach", "Volunteer-led")).to_be_checked()
    expect(result_count(page)).to_have_text(re.compile(r"^\s*[1-9]\d* case stud"))
    page.goto("/search/?q=volunteers&page=40")
    expect(page).to_have_url(re.compile(r"/search/\?q=volunteers$"))
    expect(page.locator(".search-result").first).to_be_visible()


def test_a_printed_case_study_says_where_it_came_from(page, approved, site):
    """Printed, a page starts with the site's name, its absolute address and the date, and its
    links print with the site's address; on screen none of that shows."""
    page.goto(approved.url)
    header = page.locator(".network-print-header")
    expect(header).to_be_hidden()
    page.emulate_media(media="print")
    expect(header).to_be_visible()
    expect(header).to_contain_text("Co-operative Councils Knowledge Network")
    expect(header).to_contain_text(site.url + approved.url)
    expect(header).to_contain_text(re.compile(r"Printed \d{1,2} [A-Z][a-z]+ \d{4}"))
    printed_link = page.evaluate(
        """() => getComputedStyle(
            document.querySelector('main a[href^="/"]:not([href^="//"])'), '::after'
        ).content"""
    )
    assert site.url in printed_link
    page.emulate_media(media="screen")
    expect(header).to_be_hidden()
