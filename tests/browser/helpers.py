"""What the browser tests share besides fixtures: sizes, screenshots, signing in."""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from . import corpus

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
# Generous for a two-core machine shared with the search node; explicit waits, never sleeps.
TIMEOUT_MS = 15_000


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def screenshot(page, journey, step):
    """Save the whole page at desktop width and at 375 px phone width under test-artifacts/."""
    folder = ARTIFACTS / "screenshots" / journey
    folder.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    paths = []
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        path = folder / f"{slug(step)}-{label}.png"
        page.screenshot(path=path, full_page=True)
        paths.append(path)
    page.set_viewport_size(viewport)
    return paths


def sign_in(page, username, password=corpus.PASSWORD):
    """Follow the footer's sign-in link from the home page and wait for the dashboard."""
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def result_count(page):
    return page.locator("#search-count")


def facet(page, legend, label):
    group = page.get_by_role("group", name=legend)
    return group.get_by_role("checkbox", name=re.compile(f"^{re.escape(label)} "))


# Counts what a person does with the mouse: clicks, and choices made in a <select>. Kept in
# sessionStorage, so the count survives the journey's page loads.
CLICK_COUNTER = """
(() => {
  const bump = () => {
    const clicks = Number(sessionStorage.getItem("clicks") || 0) + 1;
    sessionStorage.setItem("clicks", String(clicks));
  };
  document.addEventListener("click", (event) => event.isTrusted && bump(), true);
  document.addEventListener("change", (event) => event.target.tagName === "SELECT" && bump(), true);
})();
"""


def count_clicks(page):
    """Start counting the tab's clicks (and select choices) from its next page load."""
    page.context.add_init_script(CLICK_COUNTER)


def clicks_so_far(page):
    return int(page.evaluate("Number(sessionStorage.getItem('clicks') || 0)"))
