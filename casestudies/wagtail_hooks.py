"""Admin for the curated vocabulary: network staff keep approaches and themes as snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Approach, Theme


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
