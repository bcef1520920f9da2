"""The editor's footer: an officer leads with "Submit to Network review", a reviewer with one
"Approve and publish" button, then goes back to the queue."""

from django.shortcuts import redirect

APPROVE = "approve"
PUBLISH = "action-publish"
SUBMIT = "action-submit"


def approve_first(menu_items, request, context):
    """While a review waits, approving is the editor's main button and plain Publish is gone.

    Publishing past the review would end it without a decision; "Approve and publish" does
    both. The first item becomes the button, the rest go in the menu beside it.
    """
    approvals = [item for item in menu_items if getattr(item, "name", None) == APPROVE]
    if not approvals:
        return
    for item in approvals:
        # Wagtail's labels title-case "Publish"; the rest of the admin is in sentence case.
        item.label = item.label.replace(" and Publish", " and publish")
    # The one without a comment box first: the one-click decision.
    approvals.sort(key=lambda item: item.launch_modal)
    rest = [item for item in menu_items if item not in approvals and item.name != PUBLISH]
    menu_items[:] = [*approvals[:1], *rest, *approvals[1:]]


def submit_first(menu_items, request, context):
    """For an officer, who may not publish, "Submit to Network review" is the main button.

    Wagtail leads with "Save draft" and hides submitting behind the caret, yet a draft only
    reaches readers through review: submitting is what an officer comes to do.
    """
    if any(getattr(item, "name", None) == PUBLISH for item in menu_items):
        return
    submits = [item for item in menu_items if getattr(item, "name", None) == SUBMIT]
    menu_items[:] = [*submits, *(item for item in menu_items if item not in submits)]


def back_to_the_queue(request, page):
    """After approving or requesting changes, the reviewer lands on the dashboard's queue."""
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        return redirect("wagtailadmin_home")
    return None
