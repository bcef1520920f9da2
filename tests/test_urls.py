"""Site-wide URLs for search engines: /sitemap.xml and /robots.txt."""

import re

import pytest

from tests.factories import CaseStudyPageFactory


@pytest.mark.django_db
def test_sitemap_lists_published_case_studies_and_not_drafts(client):
    """/sitemap.xml is XML that names every published case study and no draft."""
    published = CaseStudyPageFactory(slug="published-project")
    CaseStudyPageFactory(parent=published.get_parent(), slug="draft-project", live=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    content = response.content.decode()
    assert "/published-project/</loc>" in content
    assert "draft-project" not in content


@pytest.mark.django_db
def test_sitemap_addresses_use_the_configured_site_address(client):
    """Every <loc> in /sitemap.xml starts with the public address (SITE_URL), never localhost."""
    CaseStudyPageFactory(slug="addressed-project")

    content = client.get("/sitemap.xml").content.decode()

    locations = re.findall(r"<loc>([^<]+)</loc>", content)
    assert any(loc.endswith("/addressed-project/") for loc in locations)
    assert all(loc.startswith("https://network.test/") for loc in locations), locations
    assert "localhost" not in content


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    """/robots.txt is plain text that disallows the admin and names the sitemap's full URL."""
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
