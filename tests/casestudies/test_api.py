"""The Wagtail API v2: published pages only, structured fields, no contact emails."""

import pytest

from tests.factories import ApproachFactory, CaseStudyPageFactory, CouncilPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v2/pages/?type=casestudies.CaseStudyPage&fields=*"


def api_titles(client):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_drafts_never_appear_in_the_api(client):
    """A case study that was never published is missing from the list and its detail is 404."""
    published = CaseStudyPageFactory(title="Published project")
    draft = CaseStudyPageFactory(title="Draft project", live=False)
    assert api_titles(client) == ["Published project"]
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{published.pk}/").status_code == 200


def test_unpublished_changes_stay_out_of_the_api(client):
    """Edits saved as a draft revision do not replace the published version in the API."""
    page = CaseStudyPageFactory(title="Published title", summary="Published summary.")
    page.title = "Draft title"
    page.summary = "Draft summary."
    page.save_revision()
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.json()["title"] == "Published title"
    assert response.json()["summary"] == "Published summary."
    assert "Draft" not in response.content.decode()


def test_contact_email_never_appears_in_the_api(client):
    """The contact email is in neither the list with every field nor the detail view."""
    page = CaseStudyPageFactory(contact_name="A. Officer", contact_email="a.officer@example.org")
    for url in (LIST_URL, f"/api/v2/pages/{page.pk}/", f"/api/v2/pages/{page.pk}/?fields=*"):
        response = client.get(url)
        assert response.status_code == 200
        assert "a.officer@example.org" not in response.content.decode()
        assert "contact_email" not in response.content.decode()


def test_asking_for_the_contact_email_field_is_a_clear_400(client):
    """Requesting contact_email by name is refused with a message, not a server error."""
    response = client.get("/api/v2/pages/?type=casestudies.CaseStudyPage&fields=contact_email")
    assert response.status_code == 400
    assert "contact_email" in response.json()["message"]


def test_case_study_fields_are_structured_and_readable(client):
    """Approaches and themes come as names and slugs, with the council and budget band."""
    council = CouncilPageFactory(title="Exampleshire County Council", council_type="county")
    approach = ApproachFactory(name="Volunteer-led", slug="volunteer-led")
    theme = ThemeFactory(name="Food and poverty", slug="food-poverty")
    page = CaseStudyPageFactory(
        parent=council, approaches=[approach], themes=[theme], budget=25_000, volunteers=12
    )
    item = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert item["approaches"] == [{"name": "Volunteer-led", "slug": "volunteer-led"}]
    assert item["themes"] == [{"name": "Food and poverty", "slug": "food-poverty"}]
    assert item["budget"] == 25_000
    assert item["budget_band"] == {"slug": "10k-50k", "label": "£10k to £50k"}
    assert item["volunteers"] == 12
    assert item["council"]["title"] == "Exampleshire County Council"
    assert item["council"]["council_type"] == "county"


def test_councils_are_in_the_api_with_their_fields(client):
    """Member councils are listed with type and region, and unpublished ones are not."""
    CouncilPageFactory(title="Sampleton Council", region="north-east")
    CouncilPageFactory(title="Unpublished Council", live=False)
    response = client.get("/api/v2/pages/?type=casestudies.CouncilPage&fields=region")
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Sampleton Council"]
    assert items[0]["region"] == "north-east"


def test_api_links_use_the_configured_site_address(client):
    """A case study's detail_url and html_url start with the public address, never localhost."""
    page = CaseStudyPageFactory(slug="address-project")
    meta = client.get(f"/api/v2/pages/{page.pk}/").json()["meta"]
    assert meta["detail_url"] == f"https://network.test/api/v2/pages/{page.pk}/"
    assert meta["html_url"].startswith("https://network.test/")
    assert meta["html_url"].endswith("/address-project/")
