from django.urls import path

from . import admin_views

app_name = "search_admin"

urlpatterns = [
    path("rejected/", admin_views.rejected_documents_view, name="rejected_documents"),
]
