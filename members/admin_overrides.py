"""Admin views that Wagtail opens to every editor but that would show officers other councils'
drafts; these URLs are matched before Wagtail's own (see network_site/urls.py)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from taggit.models import Tag, TaggedItem
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action import dispatcher as bulk_dispatcher
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT, autocomplete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from casestudies.models import CaseStudyPage


class PublishersPageTypesUsageReportView(PageTypesUsageReportView):
    # The report names the last edited page of each type, whoever's draft it is.
    any_permission_required = ["publish"]


def is_publisher(user):
    """Network staff: they moderate every council, so they may see every draft."""
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "publish")


def explorable_page_ids(user):
    return PagePermissionPolicy().explorable_instances(user).values("pk")


move_confirm_view = MoveConfirmView.as_view()


def move_confirm(request, page_to_move_id, destination_id):
    # Wagtail's confirm page checks nothing before showing both titles.
    page_to_move = get_object_or_404(Page, id=page_to_move_id)
    destination = get_object_or_404(Page, id=destination_id)
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return move_confirm_view(request, page_to_move_id, destination_id)


def page_bulk_action(request, action):
    # Wagtail lists every requested page, even those it refuses to act on, by title.
    if not is_publisher(request.user):
        action_class = bulk_action_registry.get_bulk_action_class("wagtailcore", "page", action)
        if action_class is None:
            raise Http404
        ids = request.GET.getlist("id")
        if "all" in ids:
            ids = action_class(request, Page).get_all_objects_in_listing_query(
                request.GET.get("childOf")
            )
        allowed = Page.objects.filter(pk__in=list(ids)).filter(
            pk__in=explorable_page_ids(request.user)
        )
        allowed_ids = [str(pk) for pk in allowed.values_list("pk", flat=True)]
        if not allowed_ids:
            raise Http404
        query = request.GET.copy()
        query.setlist("id", allowed_ids)
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()
    return bulk_dispatcher.index(request, "wagtailcore", "page", action)


def visible_tags(user):
    """Tags of what ``user`` may see: public case studies, their own council's pages, and the
    documents and images of their collections."""
    pages = CaseStudyPage.objects.filter(
        Q(pk__in=CaseStudyPage.objects.live().public().values("pk"))
        | Q(pk__in=explorable_page_ids(user))
    )
    on_media = Q()
    for model in (get_document_model(), get_image_model()):
        policy = policy_registry.get_by_type(model)
        on_media |= Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=policy.instances_user_has_permission_for(user, "choose").values("pk"),
        )
    media_tags = TaggedItem.objects.filter(on_media).values("tag_id")
    return Tag.objects.filter(
        Q(casestudies_casestudytag_items__content_object__in=pages) | Q(pk__in=media_tags)
    ).distinct()


def tag_autocomplete(request, app_name=None, model_name=None):
    # Wagtail suggests every tag ever saved, drafts' tags included.
    if is_publisher(request.user) or (app_name, model_name) not in (
        (None, None),
        ("taggit", "tag"),
    ):
        return autocomplete(request, app_name, model_name)
    term = request.GET.get("term", "")
    tags = visible_tags(request.user).filter(name__istartswith=term) if term else Tag.objects.none()
    names = tags.order_by("name").values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    return JsonResponse(list(names), safe=False)


urlpatterns = [
    path(
        "reports/page-types-usage/",
        require_admin_access(PublishersPageTypesUsageReportView.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        require_admin_access(PublishersPageTypesUsageReportView.as_view(results_only=True)),
    ),
    path(
        "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        require_admin_access(move_confirm),
    ),
    path("bulk/wagtailcore/page/<str:action>/", require_admin_access(page_bulk_action)),
    path("tag-autocomplete/", require_admin_access(tag_autocomplete)),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        require_admin_access(tag_autocomplete),
    ),
]
