"""Wagtail API v2: published, public pages only.

``PagesAPIViewSet`` serves ``live().public()`` pages, and each page type lists its own
``api_fields`` (contact emails are never among them). The image and document endpoints are not
registered: they would list every upload, including files attached only to drafts; published
case studies carry their documents and hero image in their own fields instead.
"""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

# Deeper listings are refused: the databases cannot hold a 20-digit offset (SQLite and
# PostgreSQL both fail on it), and nobody pages that far through a few thousand pages.
MAX_OFFSET = 10_000
# Largest id a database integer column holds.
MAX_ID = 2**63 - 1


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination with an upper bound on ``offset`` (it checks the rest)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedPagination

    def find_object(self, queryset, request):
        """Refuse an ``id`` that is not a page id, which Wagtail would pass to the database."""
        if "id" in request.GET:
            value = request.GET["id"]
            if not (value.isascii() and value.isdigit() and int(value) <= MAX_ID):
                raise BadRequestError("id must be a whole number")
        return super().find_object(queryset, request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
