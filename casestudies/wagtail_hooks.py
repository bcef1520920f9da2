"""Admin for the curated vocabulary (approaches and themes as snippets), and who may download
a document."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import CaseStudyPageViewSet
from .models import Approach, CaseStudyAttachment, CaseStudyPage, Theme


class VocabularyViewSet(SnippetViewSet):
    icon = "tag"
    add_to_admin_menu = False
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "slug", "description"]
    ordering = ["name"]


class ApproachViewSet(VocabularyViewSet):
    model = Approach
    menu_label = "Approaches"


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    menu_label = "Themes"


register_snippet(ApproachViewSet)
register_snippet(ThemeViewSet)


@hooks.register("register_admin_viewset")
def register_case_study_page_viewset():
    return CaseStudyPageViewSet("case_study_pages")


def is_published(document):
    """Whether a live, public page lists the document or links to it from its content."""
    public_case_studies = CaseStudyPage.objects.live().public()
    if CaseStudyAttachment.objects.filter(document=document, page__in=public_case_studies).exists():
        return True
    # The reference index holds each page's saved content, never its unpublished revisions.
    referring = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = [int(pk) for pk in referring.values_list("object_id", flat=True) if pk.isdigit()]
    return Page.objects.live().public().filter(pk__in=ids).exists()


@hooks.register("before_serve_document")
def serve_only_published_documents(document, request):
    # Uploads of drafts stay with the collection's users until a public page carries them.
    user = request.user
    if is_published(document):
        return None
    policy = policy_registry.get_by_type(type(document))
    if user.is_authenticated and policy.user_has_permission_for_instance(user, "choose", document):
        return None
    raise Http404("No such document.")
