"""Wagtail API v2: published, public pages only.

``PagesAPIViewSet`` serves ``live().public()`` pages, and each page type lists its own
``api_fields`` (contact emails are never among them). The image and document endpoints are not
registered: they would list every upload, including files attached only to drafts; published
case studies carry their documents and hero image in their own fields instead.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
