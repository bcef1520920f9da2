"""The dashboard panel that lists submissions waiting for a moderator, oldest first."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, TaskState


def can_review(user):
    return (
        user.is_superuser
        or GroupApprovalTask.objects.filter(active=True, groups__user=user).exists()
    )


def pending_reviews(user):
    """In-progress page reviews the user may act on, each with its age, oldest first."""
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("revision", "workflow_state__requested_by")
        .order_by("started_at")
    )
    now = timezone.now()
    reviews = []
    for state in states:
        page = state.revision.content_object
        if not isinstance(page, Page):
            continue
        reviews.append(
            {
                "page": page,
                "council": page.get_parent(),
                "submitted_by": state.workflow_state.requested_by,
                "started_at": state.started_at,
                "age_days": (now - state.started_at).days,
                "revision_id": state.revision_id,
            }
        )
    return reviews


class PendingReviewsPanel(Component):
    name = "pending_reviews"
    template_name = "members/panels/pending_reviews.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["reviews"] = pending_reviews(self.user)
        return context
