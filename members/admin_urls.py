from django.urls import path

from . import views

app_name = "members_admin"

urlpatterns = [
    path("onboard/", views.onboard_council_view, name="onboard_council"),
    path("invite/", views.invite_officer_view, name="invite_officer"),
]
