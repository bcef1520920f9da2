from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from operations.wagtail_hooks import StaffMenuItem

from . import admin_urls
from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    """Network staff keep the council jargon the search understands."""

    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    add_to_admin_menu = False
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [path("search-index/", include(admin_urls, namespace="search_admin"))]


@hooks.register("register_reports_menu_item")
def register_rejected_documents_menu_item():
    return StaffMenuItem(
        "Rejected search documents",
        reverse("search_admin:rejected_documents"),
        name="rejected-search-documents",
        icon_name="warning",
        order=1210,
    )
