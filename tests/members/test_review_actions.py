"""The reviewer's editor: "Approve and publish" leads, and a decision returns to the queue."""

import json

import pytest
from django.urls import reverse

from tests.helpers.admin import edit_form_data
from tests.helpers.workflow import submit

pytestmark = pytest.mark.django_db


def editor(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def decide(client, page, user, action, comment=""):
    """Post the editor's form with a workflow decision, as its footer buttons do."""
    data = edit_form_data(
        page,
        user,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": comment} if comment else {}),
        },
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_approve_and_publish_is_the_reviewers_main_button(
    client_a, client_moderator, officer_a, draft_a
):
    """In review, the editor leads with "Approve and publish" and offers no plain Publish."""
    submit(client_a, draft_a, officer_a)

    html = editor(client_moderator, draft_a)

    main = html.index("Approve and publish")
    assert main < html.index("Save draft") and main < html.index("Request changes")
    assert "Approve with comment and publish" in html
    assert 'name="action-publish"' not in html
    assert "and Publish" not in html


def test_approving_in_the_editor_publishes_and_returns_to_the_queue(
    client_a, client_moderator, officer_a, moderator, draft_a
):
    """Approving from the editor publishes the page and lands on the dashboard's queue."""
    submit(client_a, draft_a, officer_a)
    draft_a.refresh_from_db()

    response = decide(client_moderator, draft_a, moderator, "approve")

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    draft_a.refresh_from_db()
    assert draft_a.live
    dashboard = client_moderator.get(response["Location"]).content.decode()
    assert "Nothing is waiting for review." in dashboard


def test_requesting_changes_in_the_editor_returns_to_the_queue(
    client_a, client_moderator, officer_a, moderator, draft_a
):
    """Requesting changes from the editor keeps the draft and lands on the dashboard."""
    submit(client_a, draft_a, officer_a)
    draft_a.refresh_from_db()

    response = decide(client_moderator, draft_a, moderator, "reject", comment="Add the budget.")

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    draft_a.refresh_from_db()
    assert not draft_a.live
    assert draft_a.current_workflow_state.current_task_state.get_comment() == "Add the budget."


def test_submitting_is_the_officers_main_button(client_a, council_a, draft_a):
    """An officer's new and existing case studies lead with "Submit to Network review"."""
    add_url = reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", council_a.pk])
    for html in (client_a.get(add_url).content.decode(), editor(client_a, draft_a)):
        assert html.index("Submit to Network review") < html.index("Save draft")
        assert 'name="action-publish"' not in html


def test_a_publisher_keeps_wagtails_order(client_moderator, draft_a):
    """Outside a review, a moderator's editor leads with "Save draft" and offers Publish."""
    html = editor(client_moderator, draft_a)

    assert html.index("Save draft") < html.index("Submit to Network review")
    assert 'name="action-publish"' in html
