"""Which Wagtail site answers a request, remembered per process.

Wagtail looks the site up with a query on every page request, a few milliseconds of a case
study page's time (docs/benchmarks.md). Site changes are rare: this
process forgets its copy on a Site save or delete (connected in casestudies' AppConfig), and
other processes within ``ProcessCache``'s lifetime.
"""

from contextlib import suppress

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve

from .caching import ProcessCache

SITES = ProcessCache(dict)
FIELD_NAMES = [field.attname for field in Site._meta.concrete_fields]


def site_for(request):
    """A fresh ``Site`` for ``request``'s host and port (None when no site matches).

    Only the site's own fields are kept: its root page is read per request as Wagtail would,
    so an edited home page is never served from a stale copy.
    """
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    known = SITES.get()
    if key not in known:
        site = Site._find_for_request(request)
        known[key] = site and [getattr(site, name) for name in FIELD_NAMES]
    values = known[key]
    return values and Site.from_db("default", FIELD_NAMES, values)


class CachedSiteMiddleware:
    """Hand Wagtail's page view the request's site from the per-process copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only Wagtail's page view needs the site; Django has already resolved the URL.
        if view_func is serve:
            # With the database down the page view fails its own lookup and says so.
            with suppress(DatabaseError):
                request._wagtail_site = site_for(request)
