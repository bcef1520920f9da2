"""WCAG 2.2 AA checks in Chromium: axe-core on every kind of public page, and keyboard use.

axe finds what can be found automatically (contrast, names, roles, structure); the keyboard
test covers what it cannot: that a facet and a result are reachable and usable with Tab,
Space and Enter alone, with a visible focus indicator at every stop on the way.
"""

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from .helpers import ARTIFACTS, DESKTOP, PHONE, screenshot, slug

pytestmark = pytest.mark.browser

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what the public sector regulations require.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
MAX_TABS = 80
SITE_NAME = settings.WAGTAIL_SITE_NAME


@pytest.fixture(scope="module")
def axe():
    return Axe()


def page_paths(site):
    """Every kind of page the public (and a signing-in officer) sees, by name."""
    warm_spaces = site.case_studies["Village warm spaces network"].pk
    return {
        "home": "/",
        "search with filters": "/search/?q=volunteers&approach=volunteer-led&budget=under-10k",
        "search without results": "/search/?q=xylophone",
        "search with filters and no results": (
            "/search/?q=volunteers&approach=volunteer-led&budget=50k-250k"
        ),
        "council": site.councils["demoford"].url,
        "case study": site.case_studies["Village warm spaces network"].url,
        "compare": "/compare/?ids={}&ids={}".format(
            site.case_studies["Village warm spaces network"].pk,
            site.case_studies["Community-owned village shop"].pk,
        ),
        "ask the author": f"/ask/{warm_spaces}/",
        "question sent": f"/ask/{warm_spaces}/sent/",
        "sign-in": "/admin/login/",
        "page not found": "/no-such-page/",
        "cookies": "/cookies/",
    }


def run_axe(axe, page):
    """axe's violations at desktop and at phone width, by width."""
    violations = {}
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        violations[label] = axe.run(page, options=AXE_OPTIONS)
    page.set_viewport_size(DESKTOP)
    return violations


def save_results(name, results):
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    for label, result in results.items():
        path = folder / f"{slug(name)}-{label}.json"
        path.write_text(json.dumps(result.response["violations"], indent=2))


NARROW_FIELDS = """() => Array.from(document.querySelectorAll("input, select, textarea"))
    .filter(el => el.type !== "hidden" && el.type !== "checkbox" && el.offsetParent !== null)
    .filter(el => el.getBoundingClientRect().width < 120)
    .map(el => el.outerHTML.slice(0, 100))"""


def layout_at(page, width):
    """How far the page overflows a ``width``-pixel screen, and which fields it squeezes."""
    page.set_viewport_size({"width": width, "height": 640})
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    narrow = page.evaluate(NARROW_FIELDS)
    page.set_viewport_size(DESKTOP)
    return overflow, narrow


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "search with filters",
        "search without results",
        "search with filters and no results",
        "council",
        "case study",
        "compare",
        "ask the author",
        "question sent",
        "sign-in",
        "page not found",
        "cookies",
    ],
)
@pytest.mark.elasticsearch
def test_page_has_no_wcag_violations_and_reflows(page, site, axe, name):
    """axe finds no WCAG 2.2 A/AA violation at desktop or phone width; 320 px fits without
    sideways scrolling or squeezed fields."""
    response = page.goto(page_paths(site)[name])
    assert response.status == (404 if name == "page not found" else 200)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot(page, "pages", name)

    results = run_axe(axe, page)
    save_results(name, results)

    reports = [
        f"At {width} width: {result.generate_report()}"
        for width, result in results.items()
        if result.violations_count
    ]
    assert not reports, "\n".join(reports)
    overflow, narrow_fields = layout_at(page, 320)
    assert overflow <= 0, "Scrolls sideways at 320 px (WCAG 1.4.10 Reflow)"
    assert not narrow_fields, f"Fields squeezed below 120 px at 320 px: {narrow_fields}"


@pytest.mark.elasticsearch
def test_ask_the_author_form_with_errors_has_no_wcag_violations(page, site, axe):
    """The form sent empty (its error summary and field errors) still has no axe violation."""
    page.goto(page_paths(site)["ask the author"])
    page.get_by_role("button", name="Send your question").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your name.")
    results = run_axe(axe, page)
    save_results("ask the author with errors", results)
    reports = [
        f"At {width} width: {result.generate_report()}"
        for width, result in results.items()
        if result.violations_count
    ]
    assert not reports, "\n".join(reports)


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "search with filters",
        "council",
        "case study",
        "compare",
        "ask the author",
        "page not found",
        "cookies",
    ],
)
@pytest.mark.elasticsearch
def test_public_page_has_title_description_header_and_footer(page, site, name):
    """The title names the page, then the site (WCAG 2.4.2); the page has a description, Open
    Graph tags, a skip link, the navigation and search box, and the footer's statement links."""
    page.goto(page_paths(site)[name])

    if name == "home":
        expect(page).to_have_title(SITE_NAME)
    else:
        expect(page).to_have_title(re.compile(rf"^\S.* \u2013 {re.escape(SITE_NAME)}$"))
    expect(page.locator('meta[name="description"]')).to_have_attribute("content", re.compile(r"\w"))
    expect(page.locator('meta[property="og:title"]')).to_have_attribute(
        "content", re.compile(r"\w")
    )
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_have_attribute("href", "#main-content")
    expect(page.locator("#main-content")).to_have_count(1)
    header = page.get_by_role("banner")
    for label in ("Case studies", "Councils", "About"):
        expect(header.get_by_role("navigation").get_by_role("link", name=label)).to_be_visible()
    expect(header.get_by_role("searchbox", name="Search case studies")).to_be_visible()
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="Accessibility statement")).to_be_visible()
    expect(footer.get_by_role("link", name="Privacy notice")).to_be_visible()
    expect(footer.get_by_role("link", name="Cookies")).to_be_visible()


@pytest.mark.elasticsearch
def test_footer_links_lead_to_written_pages(page, site):
    """The accessibility statement, privacy notice and About page exist and say something."""
    for name in ("Accessibility statement", "Privacy notice", "About the network"):
        page.goto("/")
        page.get_by_role("contentinfo").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        assert len(page.get_by_role("main").inner_text()) > 500


FOCUS_INDICATOR = """el => {
    const visible = style => (style.boxShadow && style.boxShadow !== "none")
        || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
            && !/rgba\\(.*,\\s*0\\)$|transparent/.test(style.outlineColor));
    // GOV.UK draws a checkbox's focus ring on its label's ::before box.
    if (el.matches("input[type=checkbox], input[type=radio]") && el.labels.length) {
        return visible(getComputedStyle(el.labels[0], "::before"));
    }
    return visible(getComputedStyle(el));
}"""


def tab_to(page, target):
    """Press Tab until ``target`` has focus; every stop on the way must show its focus."""
    unmarked = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        if not focused.evaluate(FOCUS_INDICATOR):
            unmarked.append(focused.evaluate("el => el.outerHTML.slice(0, 120)"))
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail(f"{target} not reached in {MAX_TABS} presses of Tab")
    assert not unmarked, f"No visible focus indicator on: {unmarked}"


@pytest.mark.elasticsearch
def test_keyboard_alone_toggles_a_facet_and_opens_a_result(page, site):
    """Tab reaches the Volunteer-led facet, Space ticks it, Tab and Enter open a result."""
    page.goto("/search/?q=volunteers")
    count = page.locator("#search-count")
    expect(count).to_have_text(re.compile(r"^\s*4 case studies"))

    volunteer_led = page.get_by_role("group", name="Approach").get_by_role(
        "checkbox", name=re.compile("^Volunteer-led ")
    )
    tab_to(page, volunteer_led)
    page.keyboard.press("Space")
    expect(count).to_have_text(re.compile(r"^\s*2 case studies"))
    expect(volunteer_led).to_be_checked()
    expect(volunteer_led).to_be_focused()

    first_result = page.locator(".search-results").get_by_role("link").first
    title = first_result.inner_text()
    tab_to(page, first_result)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


BROKEN_PAGE = """<!DOCTYPE html><html><head><title>Broken</title></head><body><main>
<h1>Broken</h1><img src="data:," width="10" height="10">
<p style="color:#aaa;background:#fff">Faint text</p>
<a href="/" style="outline:none">No focus ring</a></main></body></html>"""


def test_the_checks_catch_known_failures(browser, axe):
    """axe reports a missing alt text and poor contrast, and a link with no focus ring is seen."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_content(BROKEN_PAGE)

    results = run_axe(axe, page)
    page.get_by_role("link").focus()
    has_focus_ring = page.get_by_role("link").evaluate(FOCUS_INDICATOR)
    context.close()

    for result in results.values():
        found = {violation["id"] for violation in result.response["violations"]}
        assert {"image-alt", "color-contrast"} <= found
    assert not has_focus_ring
