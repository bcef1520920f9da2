"""Page URLs built from url_path and the site roots, for search documents and results."""

import pytest
from wagtail.models import Page, Site

from network_site.page_urls import UrlBuilder
from tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def test_one_site_gives_paths_equal_to_the_pages_own_url():
    """With one site, a case study's built URL is the path Wagtail gives it."""
    page = CaseStudyPageFactory()
    assert UrlBuilder()(page.url_path) == page.url


def test_several_sites_give_full_urls_and_pages_outside_every_site_none():
    """With two sites the URL carries its site's root; a path under no site root gives None."""
    page = CaseStudyPageFactory()
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Other", slug="other"))
    other = Site.objects.create(hostname="other.example", port=80, root_page=other_root)
    try:
        build = UrlBuilder()
        assert build(page.url_path) == page.get_full_url()
        assert build("/nowhere/page/") is None
    finally:
        # Deleting clears Wagtail's cached site roots, which the test's rollback would not.
        other.delete()
