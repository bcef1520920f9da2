from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .views import is_network_staff


@hooks.register("register_admin_urls")
def register_operations_admin_urls():
    return [path("operations/", include(admin_urls, namespace="operations_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_network_staff(request.user)


@hooks.register("register_reports_menu_item")
def register_failed_tasks_menu_item():
    return StaffMenuItem(
        "Failed background tasks",
        reverse("operations_admin:failed_tasks"),
        name="failed-tasks",
        icon_name="warning",
        order=1200,
    )


@hooks.register("register_log_actions")
def register_operations_log_actions(actions):
    actions.register_action("operations.retry_task", "Retry task", "Queued a failed task again")
    actions.register_action("operations.dismiss_task", "Dismiss task", "Dismissed a failed task")
