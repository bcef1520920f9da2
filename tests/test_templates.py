"""The base template's print-only furniture."""

import pytest
from django.test import Client
from django.utils import timezone


@pytest.mark.django_db
def test_every_page_carries_a_print_header_with_name_address_and_date():
    """The print header names the site, the page's absolute address and the date it was served."""
    html = Client().get("/search/?q=x", HTTP_HOST="testserver").content.decode()
    start = html.index('class="network-print-header"')
    header = html[start : html.index("</div>", start)]
    assert "Co-operative Councils Knowledge Network" in header
    assert "http://testserver/search/?q=x" in header
    assert timezone.localdate().strftime("%-d %B %Y") in header
    assert "--network-origin: 'http://testserver'" in html


def test_print_css_spells_out_relative_links_as_absolute_addresses(settings):
    """Print CSS appends the origin to links written as paths, not only to http links."""
    css = (settings.BASE_DIR / "network_site/static/network/css/print.css").read_text()
    assert 'a[href^="/"]:not([href^="//"])::after' in css
    assert "var(--network-origin) attr(href)" in css
    assert ".network-print-header" in css
