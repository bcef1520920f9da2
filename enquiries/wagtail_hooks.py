from django.urls import path, reverse
from wagtail import hooks

from operations.wagtail_hooks import StaffMenuItem

from .admin_views import enquiries_view


@hooks.register("register_admin_urls")
def register_enquiries_admin_urls():
    return [path("enquiries/", enquiries_view, name="enquiries_admin")]


@hooks.register("register_reports_menu_item")
def register_enquiries_menu_item():
    return StaffMenuItem(
        "Questions to authors",
        reverse("enquiries_admin"),
        name="enquiries",
        icon_name="mail",
        order=1300,
    )
