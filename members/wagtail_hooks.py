from django.db.models import Q
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import admin_urls
from .feedback import show_changes_requested
from .panels import PendingReviewsPanel, can_review
from .review_actions import approve_first, back_to_the_queue, submit_first


@hooks.register("register_admin_urls")
def register_members_admin_urls():
    return [path("members/", include(admin_urls, namespace="members_admin"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def register_onboard_council_menu_item():
    return PermissionMenuItem(
        "Onboard a council",
        reverse("members_admin:onboard_council"),
        icon_name="site",
        order=50,
        permission="members.onboard_council",
    )


@hooks.register("register_settings_menu_item")
def register_invite_officer_menu_item():
    return PermissionMenuItem(
        "Invite an officer",
        reverse("members_admin:invite_officer"),
        icon_name="mail",
        order=51,
        permission="members.add_invitation",
    )


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    actions.register_action("members.invite", "Invite officer", "Invited a council officer")
    actions.register_action(
        "members.accept_invitation", "Accept invitation", "Accepted an invitation"
    )


@hooks.register("construct_homepage_panels")
def add_pending_reviews_panel(request, panels):
    if can_review(request.user):
        panels.append(PendingReviewsPanel(request.user))


@hooks.register("construct_page_chooser_queryset")
def hide_other_councils_drafts_from_chooser(pages, request):
    # The chooser lists every page by default; drafts belong to those who may edit them.
    if request.user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    return pages.filter(Q(live=True) | Q(pk__in=explorable.values("pk")))


@hooks.register("construct_reports_menu")
def hide_page_types_report_from_officers(request, menu_items):
    # Matches members.admin_overrides: the report is for those who may publish.
    if not PagePermissionPolicy().user_has_permission(request.user, "publish"):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


# The reviewer's request for changes as a banner on the editor.
hooks.register("before_edit_page", show_changes_requested)
hooks.register("construct_page_action_menu", approve_first)
hooks.register("construct_page_action_menu", submit_first)
hooks.register("after_edit_page", back_to_the_queue)
