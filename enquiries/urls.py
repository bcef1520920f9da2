from django.urls import path

from . import views

app_name = "enquiries"

urlpatterns = [
    path("ask/<int:page_id>/", views.ask_view, name="ask"),
    path("ask/<int:page_id>/sent/", views.sent_view, name="sent"),
]
