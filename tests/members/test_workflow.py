"""The "Network review" workflow: submit, approve or request changes, with email and audit log."""

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from members.workflow import WORKFLOW_NAME
from tests.factories import CaseStudyPageFactory
from tests.helpers.workflow import act, submit

pytestmark = pytest.mark.django_db


def actions_logged(page):
    entries = PageLogEntry.objects.filter(page=page).order_by("timestamp")
    return list(entries.values_list("action", flat=True))


def test_every_case_study_is_under_network_review(draft_a):
    """The workflow on the home page applies to each council's case studies."""
    workflow = draft_a.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert {group.name for group in task.groups.all()} == {
        "Network moderators",
        "Network administrators",
    }


def test_submission_emails_moderators_and_is_logged(client_a, officer_a, moderator, draft_a):
    """Submitting starts the review, emails the moderators and lands in the audit log."""
    mail.outbox.clear()
    task_state = submit(client_a, draft_a, officer_a)

    assert task_state is not None and task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not draft_a.live
    recipients = {address for message in mail.outbox for address in message.to}
    assert moderator.email in recipients
    assert officer_a.email not in recipients
    assert any(draft_a.title in message.subject + message.body for message in mail.outbox)
    assert "wagtail.workflow.start" in actions_logged(draft_a)


def test_moderator_approval_publishes_and_is_logged(
    client_a, client_moderator, officer_a, moderator, draft_a
):
    """Approving makes the page live, attributes it to the moderator and logs both steps."""
    task_state = submit(client_a, draft_a, officer_a)
    mail.outbox.clear()
    response = act(client_moderator, draft_a, task_state, "approve")

    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert draft_a.live
    assert draft_a.live_revision.approved_go_live_at is None
    assert draft_a.current_workflow_state is None
    state = WorkflowState.objects.get(base_content_type=draft_a.get_base_content_type())
    assert state.status == WorkflowState.STATUS_APPROVED
    logged = actions_logged(draft_a)
    assert "wagtail.workflow.approve" in logged and "wagtail.publish" in logged
    approve = PageLogEntry.objects.get(page=draft_a, action="wagtail.workflow.approve")
    assert approve.user == moderator
    # The officer hears that the page was approved.
    assert officer_a.email in {address for message in mail.outbox for address in message.to}


def test_request_changes_keeps_draft_and_tells_officer(
    client_a, client_moderator, officer_a, draft_a
):
    """Requesting changes with a comment leaves a draft and emails the officer that comment."""
    task_state = submit(client_a, draft_a, officer_a)
    mail.outbox.clear()
    comment = "Please add the budget and who funded the fridge."
    act(client_moderator, draft_a, task_state, "reject", comment=comment)

    draft_a.refresh_from_db()
    assert not draft_a.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.get_comment() == comment
    to_officer = [message for message in mail.outbox if officer_a.email in message.to]
    assert to_officer and comment in to_officer[0].body
    assert "wagtail.workflow.reject" in actions_logged(draft_a)
    # The officer can edit the draft again and resubmit.
    assert submit(client_a, draft_a, officer_a).status == TaskState.STATUS_IN_PROGRESS


def test_officer_cannot_approve_own_submission(client_a, officer_a, draft_a):
    """An officer posting 'approve' on their own submission does not make it live."""
    task_state = submit(client_a, draft_a, officer_a)
    act(client_a, draft_a, task_state, "approve")

    draft_a.refresh_from_db()
    task_state.refresh_from_db()
    assert not draft_a.live
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_moderator_sees_changes_since_live_version(
    client_a, client_moderator, officer_a, council_a
):
    """The revision comparison shows the moderator what the submission changed in the summary."""
    page = CaseStudyPageFactory(
        parent=council_a, owner=officer_a, title="Alpha food hub", summary="Old summary text."
    )
    page.save_revision(user=officer_a).publish()
    task_state = submit(client_a, page, officer_a, summary="New summary with the budget.")

    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, "live", task_state.revision_id]
    )
    response = client_moderator.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    # Word-level diff: what was removed and what was added, side by side.
    assert '<span class="deletion">text.</span>' in content
    assert '<span class="addition">with the budget.</span>' in content
    # The live page itself is untouched until approval.
    page.refresh_from_db()
    assert page.summary == "Old summary text."


def test_moderator_can_edit_any_councils_case_study(client_moderator, draft_a, draft_b):
    """Moderators can open every council's drafts in the editor, with publish on offer."""
    for page in (draft_a, draft_b):
        response = client_moderator.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        assert 'name="action-publish"' in response.content.decode()


def test_dashboard_lists_pending_reviews_with_age(
    client_a, client_moderator, officer_a, draft_a, draft_b
):
    """The moderator's dashboard lists waiting submissions with how long they have waited."""
    submit(client_a, draft_a, officer_a)
    content = client_moderator.get(reverse("wagtailadmin_home")).content.decode()

    assert "Pending reviews" in content
    assert draft_a.title in content
    assert 'data-age-days="0"' in content
    assert draft_b.title not in content  # a draft that was never submitted is not pending


def test_dashboard_panel_is_for_moderators_only(client_a, officer_a, draft_a):
    """Officers do not get the pending-reviews panel."""
    submit(client_a, draft_a, officer_a)
    assert "Pending reviews" not in client_a.get(reverse("wagtailadmin_home")).content.decode()


def test_dashboard_reports_empty_queue(client_moderator):
    """With nothing submitted, the panel says so."""
    content = client_moderator.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nothing is waiting for review." in content


def test_administrators_can_review_too(client_administrator, client_a, officer_a, draft_a):
    """Network administrators see the queue and can approve, like moderators."""
    task_state = submit(client_a, draft_a, officer_a)
    dashboard = client_administrator.get(reverse("wagtailadmin_home")).content.decode()
    assert draft_a.title in dashboard
    act(client_administrator, draft_a, task_state, "approve")
    draft_a.refresh_from_db()
    assert draft_a.live


def test_review_notices_wait_for_the_worker(
    task_worker, client_a, client_moderator, officer_a, moderator, draft_a
):
    """Submission, changes-requested and approval notices are queued and sent by the worker."""
    task_state = submit(client_a, draft_a, officer_a)
    assert not mail.outbox
    assert DBTaskResult.objects.ready().filter(task_path="operations.mail.send_email").exists()
    task_worker()
    assert moderator.email in {address for message in mail.outbox for address in message.to}

    mail.outbox.clear()
    act(client_moderator, draft_a, task_state, "reject", comment="Add the budget, please.")
    assert not mail.outbox
    task_worker()
    (notice,) = [message for message in mail.outbox if officer_a.email in message.to]
    assert "Add the budget, please." in notice.body

    task_state = submit(client_a, draft_a, officer_a)
    task_worker()
    mail.outbox.clear()
    act(client_moderator, draft_a, task_state, "approve")
    assert not mail.outbox
    task_worker()
    assert officer_a.email in {address for message in mail.outbox for address in message.to}
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_review_notices_link_to_the_configured_admin_address(
    client_a, client_moderator, officer_a, draft_a
):
    """Submission and changes-requested notices link to WAGTAILADMIN_BASE_URL, never localhost."""
    mail.outbox.clear()
    task_state = submit(client_a, draft_a, officer_a)
    act(client_moderator, draft_a, task_state, "reject", comment="Add the budget.")

    assert len(mail.outbox) >= 2
    for message in mail.outbox:
        bodies = [message.body, *(content for content, _ in message.alternatives)]
        assert "https://network.test/admin/" in message.body
        assert not any("localhost" in body for body in bodies)
