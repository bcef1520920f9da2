"""The failed-tasks report, for network staff (those who may publish)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from wagtail.admin.auth import user_passes_test
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import failures


def is_network_staff(user):
    return PagePermissionPolicy().user_has_permission(user, "publish")


staff_only = user_passes_test(is_network_staff)


@staff_only
def failed_tasks_view(request):
    return render(
        request,
        "operations/failed_tasks.html",
        {"page_title": "Failed background tasks", "tasks": failures.failed_tasks()},
    )


@staff_only
@require_POST
def retry_view(request, pk):
    row = get_object_or_404(failures.final_failures(), pk=pk)
    try:
        failures.retry(row, request.user)
    except failures.RetryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{failures.task_name(row)} is queued again.")
    return redirect("operations_admin:failed_tasks")


@staff_only
@require_POST
def dismiss_view(request, pk):
    row = get_object_or_404(failures.final_failures(), pk=pk)
    failures.dismiss(row, request.user)
    messages.success(request, f"{failures.task_name(row)} was dismissed.")
    return redirect("operations_admin:failed_tasks")
