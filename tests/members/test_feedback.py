"""A reviewer's feedback reaches the officer: a banner on the editor and plain-worded emails."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.admin.utils import get_user_display_name

from tests.helpers.workflow import act, submit

pytestmark = pytest.mark.django_db

COMMENT = "Please add the budget and who funded the fridge."


def editor_html(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def to(user):
    return [message for message in mail.outbox if user.email in message.to]


def test_the_editor_shows_the_request_for_changes_until_resubmitted(
    client_a, client_moderator, officer_a, moderator, draft_a
):
    """After changes are requested the officer's editor shows who asked, and the comment;
    once resubmitted the banner is gone."""
    task_state = submit(client_a, draft_a, officer_a)
    assert "Changes requested" not in editor_html(client_a, draft_a)

    act(client_moderator, draft_a, task_state, "reject", comment=COMMENT)

    html = editor_html(client_a, draft_a)
    assert f"Changes requested by {get_user_display_name(moderator)}" in html
    assert COMMENT in html
    submit(client_a, draft_a, officer_a)
    assert COMMENT not in editor_html(client_a, draft_a)


def test_the_changes_requested_email_says_so_and_carries_the_comment(
    client_a, client_moderator, officer_a, draft_a
):
    """The officer's email says "changes requested", never "rejected", and quotes the comment."""
    task_state = submit(client_a, draft_a, officer_a)
    mail.outbox.clear()

    act(client_moderator, draft_a, task_state, "reject", comment=COMMENT)

    (message,) = to(officer_a)
    assert message.subject == f'Changes requested: "{draft_a.title}"'
    assert f'"{COMMENT}"' in message.body
    assert "submit it for review again" in message.body
    assert f"/admin/pages/{draft_a.pk}/edit/" in message.body
    assert "reject" not in (message.subject + message.body).lower()


def test_the_approval_email_carries_the_reviewers_comment(
    client_a, client_moderator, officer_a, draft_a
):
    """Approving with a comment sends it to the officer with the page's address."""
    task_state = submit(client_a, draft_a, officer_a)
    mail.outbox.clear()

    act(client_moderator, draft_a, task_state, "approve", comment="Lovely photos, thank you.")

    (message,) = to(officer_a)
    assert message.subject == f'Approved: "{draft_a.title}"'
    assert '"Lovely photos, thank you."' in message.body
    draft_a.refresh_from_db()
    assert draft_a.full_url in message.body
