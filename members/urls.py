from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("<str:token>/", views.accept_invitation_view, name="accept_invitation"),
]
