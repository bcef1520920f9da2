"""The "Rejected search documents" report: network staff see what the index refused."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.factories import (
    AdministratorFactory,
    ModeratorFactory,
    OfficerFactory,
    OnboardedCouncilFactory,
    RejectedDocumentFactory,
)
from tests.helpers.admin import signed_in

pytestmark = pytest.mark.django_db

REPORT = "search_admin:rejected_documents"


def test_moderators_see_each_rejected_page_with_its_reason_and_time():
    """A moderator's report lists the page (linked to its editor), the node's reason and when."""
    rejected = RejectedDocumentFactory()
    page_title = Page.objects.get(pk=rejected.page_id).title

    response = signed_in(ModeratorFactory(username="moira")).get(reverse(REPORT))

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("data-page-id=") == 1
    assert page_title in content
    assert reverse("wagtailadmin_pages:edit", args=[rejected.page_id]) in content
    assert "failed to parse field [start_year]" in content
    assert f"{rejected.recorded_at:%Y}" in content


def test_administrators_see_the_report_in_the_reports_menu():
    """Network administrators have the report and its Reports menu entry."""
    RejectedDocumentFactory()
    client = signed_in(AdministratorFactory(username="adam"))

    assert client.get(reverse(REPORT)).status_code == 200
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_record_of_a_page_since_deleted_still_shows():
    """A rejection whose page is gone is listed by its id, not a server error."""
    rejected = RejectedDocumentFactory(page_id=987654)

    response = signed_in(ModeratorFactory(username="moira")).get(reverse(REPORT))

    assert response.status_code == 200
    assert f'data-page-id="{rejected.page_id}"' in response.content.decode()
    assert "deleted page 987654" in response.content.decode()


def test_officers_are_turned_away():
    """Officers are sent back to the dashboard and have no menu entry for the report."""
    RejectedDocumentFactory()
    council = OnboardedCouncilFactory(title="Ashford Example Council")
    client = signed_in(OfficerFactory(council=council, username="alice"))

    response = client.get(reverse(REPORT))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()
