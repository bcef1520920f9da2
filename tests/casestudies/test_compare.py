"""The moderator's compare view shows only real changes, in the words of the form."""

import json
import uuid

import pytest
from django.urls import reverse

from tests.factories import AdministratorFactory, CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def body(heading, text):
    """A body of one section, its block under a new id each time (as a re-saved form may)."""
    value = {"heading": heading, "text": f"<p>{text}</p>"}
    return json.dumps([{"type": "section", "value": value, "id": str(uuid.uuid4())}])


@pytest.fixture
def reviewer(client):
    client.force_login(AdministratorFactory(username="compare-reviewer"))
    return client


def published(**fields):
    page = CaseStudyPageFactory(title="Compared project", summary="Summary.", **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def compare_with_live(client, page, **changes):
    """The compare view between the live version and a revision with ``changes``."""
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_value_reads_empty_and_money_reads_as_pounds(reviewer):
    """A budget set where there was none shows "(empty)" becoming "£25,000"."""
    page = published(budget=None, contact_role="")

    html = compare_with_live(reviewer, page, budget=25_000, contact_role="Project lead")

    assert '<span class="deletion">(empty)</span>' in html
    assert '<span class="addition">£25,000</span>' in html
    assert '<span class="deletion">None</span>' not in html
    assert '<span class="addition">Project lead</span>' in html


def test_blocks_with_new_ids_but_the_same_content_are_not_a_change(reviewer):
    """Re-saving a body whose blocks got new ids flags no body change."""
    page = published(body=body("what-we-did", "We opened a fridge."))

    html = compare_with_live(
        reviewer, page, body=body("what-we-did", "We opened a fridge."), summary="New."
    )

    assert "Summary" in html
    assert "We opened a fridge." not in html  # unchanged fields are not listed


def test_a_changed_section_is_shown_by_its_heading_label(reviewer):
    """A changed section names its heading as the form does, and diffs the text itself."""
    page = published(body=body("what-we-did", "We opened a fridge."))

    html = compare_with_live(reviewer, page, body=body("what-we-did", "We opened two fridges."))

    assert "What we did" in html and "what-we-did" not in html
    assert '<span class="addition">two fridges.</span>' in html
    assert '<div class="comparison__child-object addition">' not in html
