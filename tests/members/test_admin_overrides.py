"""Admin views that would name other councils' drafts: move-confirm, bulk actions, tags."""

import pytest
from django.urls import reverse

from tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

PAGE_BULK_ACTIONS = ["delete", "publish", "unpublish", "move"]


def test_move_confirm_of_other_councils_draft_is_refused(client_a, draft_a, draft_b, council_a):
    """Officer A cannot open the move-confirm page for B's draft, to any destination."""
    for destination in (council_a, draft_a):
        url = reverse("wagtailadmin_pages:move_confirm", args=[draft_b.pk, destination.pk])
        response = client_a.get(url)
        assert response.status_code in (302, 403, 404)
        assert draft_b.title not in client_a.get(url, follow=True).content.decode()


def test_move_confirm_into_other_councils_draft_is_refused(client_a, draft_a, draft_b):
    """Naming B's draft as the destination of A's page shows nothing of it."""
    url = reverse("wagtailadmin_pages:move_confirm", args=[draft_a.pk, draft_b.pk])
    response = client_a.get(url, follow=True)
    assert draft_b.title not in response.content.decode()


@pytest.mark.parametrize("action", PAGE_BULK_ACTIONS)
def test_bulk_action_page_does_not_name_other_councils_draft(client_a, draft_a, draft_b, action):
    """A bulk-action page asked about B's draft (alone or beside A's) never shows its title."""
    url = f"/admin/bulk/wagtailcore/page/{action}/"
    alone = client_a.get(url, {"id": draft_b.pk})
    assert alone.status_code == 404
    beside = client_a.get(url, {"id": [draft_a.pk, draft_b.pk]})
    assert beside.status_code == 200
    assert draft_b.title not in beside.content.decode()


def test_bulk_action_on_all_children_leaves_out_other_councils_drafts(
    client_a, council_b, draft_a, draft_b
):
    """``id=all`` under B's council names none of B's drafts to officer A."""
    response = client_a.get(
        "/admin/bulk/wagtailcore/page/delete/", {"id": "all", "childOf": council_b.pk}
    )
    assert draft_b.title not in response.content.decode()


def test_bulk_action_still_works_for_own_draft(client_a, draft_a):
    """Officer A's own draft is listed and can be deleted in bulk."""
    url = "/admin/bulk/wagtailcore/page/delete/"
    response = client_a.get(url, {"id": draft_a.pk})
    assert response.status_code == 200
    assert draft_a.title in response.content.decode()
    client_a.post(f"{url}?id={draft_a.pk}", {})
    assert not type(draft_a).objects.filter(pk=draft_a.pk).exists()


def test_moderator_bulk_action_lists_every_council(client_moderator, draft_a, draft_b):
    """Network moderators still see every council's drafts in a bulk action."""
    response = client_moderator.get(
        "/admin/bulk/wagtailcore/page/publish/", {"id": [draft_a.pk, draft_b.pk]}
    )
    content = response.content.decode()
    assert draft_a.title in content and draft_b.title in content


def tagged_case_study(council, owner, tag, live=True):
    page = CaseStudyPageFactory(parent=council, owner=owner, live=live)
    page.tags.add(tag)
    page.save()
    return page


def tag_suggestions(client, term):
    response = client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": term})
    assert response.status_code == 200
    return response.json()


def test_tag_autocomplete_hides_tags_of_other_councils_drafts(
    client_a, council_a, council_b, officer_a, officer_b
):
    """Tags only on B's draft are not suggested to A; A's own and public tags are."""
    tagged_case_study(council_b, officer_b, "secret-merger", live=False)
    tagged_case_study(council_b, officer_b, "shared-repair")
    tagged_case_study(council_a, officer_a, "own-fridge", live=False)
    assert tag_suggestions(client_a, "secret") == []
    assert tag_suggestions(client_a, "shared") == ["shared-repair"]
    assert tag_suggestions(client_a, "own") == ["own-fridge"]


def test_tag_autocomplete_for_moderators_is_unchanged(client_moderator, council_b, officer_b):
    """Moderators review every council's drafts, so they get every tag."""
    tagged_case_study(council_b, officer_b, "secret-merger", live=False)
    assert tag_suggestions(client_moderator, "secret") == ["secret-merger"]
