"""The "Network review" workflow: one group approval task for network staff, on every page."""

from django.apps import apps as global_apps

from .roles import ADMINISTRATORS, MODERATORS

WORKFLOW_NAME = "Network review"
TASK_NAME = "Moderator approval"


def ensure_review_workflow(apps=global_apps, using="default"):
    """Create the workflow and assign it to the home page; safe to run again. None without home."""
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    HomePage = apps.get_model("casestudies", "HomePage")

    home = HomePage.objects.order_by("pk").first()
    if home is None:
        return None
    reviewers = [Group.objects.get_or_create(name=name)[0] for name in (MODERATORS, ADMINISTRATORS)]
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        # Historical models do not fill in the polymorphic content type themselves.
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=content_type)
    task.groups.add(*reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})
    return workflow
