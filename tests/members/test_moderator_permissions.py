"""Network moderators curate taxonomy and content; people and site settings are not theirs."""

import pytest
from django.urls import reverse

from casestudies.models import Approach, Theme
from search.models import Synonym
from tests.helpers.permissions import assert_denied

pytestmark = pytest.mark.django_db


def snippet_url(model, action):
    return reverse(model.snippet_viewset.get_url_name(action))


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Approach, {"name": "Time banking", "slug": "time-banking", "description": ""}),
        (Theme, {"name": "Transport", "slug": "transport", "description": ""}),
        (Synonym, {"terms": "time bank, timebank"}),
    ],
)
def test_moderators_curate_approaches_themes_and_synonyms(client_moderator, model, data):
    """A moderator can add approaches, themes and synonyms through the snippet admin."""
    response = client_moderator.post(snippet_url(model, "add"), data)
    assert response.status_code == 302
    assert model.objects.filter(**{key: data[key] for key in list(data)[:1]}).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailusers_users:index",
        "wagtailusers_users:add",
        "wagtailusers_groups:index",
        "wagtailsites:index",
        "wagtailadmin_workflows:index",
        "members_admin:onboard_council",
        "members_admin:invite_officer",
    ],
)
def test_moderators_cannot_manage_people_or_settings(client_moderator, url_name):
    """Users, groups, sites, workflows, onboarding and invitations are for administrators."""
    assert_denied(client_moderator.get(reverse(url_name)))


def test_administrators_manage_people(client_administrator):
    """Administrators can open user and group management."""
    for url_name in ("wagtailusers_users:index", "wagtailusers_groups:index"):
        assert client_administrator.get(reverse(url_name)).status_code == 200


def test_page_types_report_is_for_publishers(client_a, client_moderator, draft_b, officer_b):
    """The page-types report, which names the last edited draft, is closed to officers."""
    url = reverse("wagtailadmin_reports:page_types_usage")
    assert_denied(client_a.get(url))
    assert url not in client_a.get(reverse("wagtailadmin_home")).content.decode()
    assert url in client_moderator.get(reverse("wagtailadmin_home")).content.decode()
    response = client_moderator.get(url)
    assert response.status_code == 200
    assert draft_b.title in response.content.decode()
