from django.urls import path

from . import views

app_name = "operations_admin"

urlpatterns = [
    path("failed-tasks/", views.failed_tasks_view, name="failed_tasks"),
    path("failed-tasks/<uuid:pk>/retry/", views.retry_view, name="retry_task"),
    path("failed-tasks/<uuid:pk>/dismiss/", views.dismiss_view, name="dismiss_task"),
]
