"""Uploaded media served by the app itself, for a single box with no proxy in front (SERVE_MEDIA).

Only image renditions (MEDIA_ROOT/images/) are public files: every image on the site is one.
Documents' files stay behind Wagtail's permission-checked serve view (/documents/<id>/...), and
uploaded image originals are never linked, so neither is served from MEDIA_URL.
"""

import posixpath
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

PUBLIC_DIRECTORY = "images/"


def serve_media(request, path):
    """A rendition's file when SERVE_MEDIA is on; 404 for anything outside images/ or when off."""
    # Normalised first, so "images/../documents/..." cannot pass the prefix check.
    path = posixpath.normpath(path).lstrip("/")
    if not settings.SERVE_MEDIA or not path.startswith(PUBLIC_DIRECTORY):
        raise Http404("Not a public media file.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def media_urlpatterns():
    """The route under MEDIA_URL; none when MEDIA_URL is another host (a CDN or media proxy)."""
    if urlsplit(settings.MEDIA_URL).netloc:
        return []
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media")]
