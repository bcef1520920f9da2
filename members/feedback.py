"""A reviewer's feedback where the officer sees it: the edit page's banner and the emails."""

from django.contrib import messages
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState, WorkflowState


def changes_requested(page):
    """The review that asked for changes the page is still waiting for, or None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state.specific


def latest_review(page):
    """The page's most recently finished review (approved or changes requested), or None."""
    return (
        TaskState.objects.for_instance(page)
        .filter(status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED])
        .order_by("-finished_at", "-pk")
        .select_related("finished_by")
        .first()
    )


def banner_text(task_state):
    reviewer = get_user_display_name(task_state.finished_by) if task_state.finished_by else None
    when = date_format(localtime(task_state.finished_at), "j F Y")
    text = (
        f"Changes requested by {reviewer} on {when}" if reviewer else f"Changes requested on {when}"
    )
    comment = task_state.get_comment()
    if comment:
        return f"{text}: “{comment}” Make the changes, then submit it for review again."
    return f"{text}. Make the changes, then submit it for review again."


def show_changes_requested(request, page):
    """On opening the editor, put the reviewer's request for changes at the top of the page."""
    # A GET only: a POST redirects, and the message would follow the officer to the next page.
    if request.method != "GET":
        return
    task_state = changes_requested(page)
    if task_state is not None:
        messages.warning(request, banner_text(task_state))
