"""An Atom feed of any search: /search/feed/ takes the search page's parameters and holds the
case studies that page shows for them, through the same ``SearchParams`` and search service."""

import dataclasses
from datetime import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.views.decorators.http import require_GET

from . import service
from .params import InvalidSearch, SearchParams
from .views import feed_url, rate_limited


def text_error(request, message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def feed_params(data):
    """The search's parameters; a feed without ``sort`` is newest first, as feeds are read."""
    params = SearchParams.from_querydict(data)
    return params if "sort" in data else dataclasses.replace(params, sort="newest")


def parsed(value):
    return datetime.fromisoformat(value) if value else None


def build_feed(request, results):
    params = results.params
    title = f'Case studies for "{params.query}"' if params.query else "Case studies"
    feed = Atom1Feed(
        title=f"{title} - {settings.WAGTAIL_SITE_NAME}",
        link=request.build_absolute_uri("/search/" + params.url()),
        description=f"{results.total} case studies match this search.",
        feed_url=request.build_absolute_uri(feed_url(params)),
        language="en-GB",
    )
    for result in results.results:
        link = request.build_absolute_uri(result["url"])
        feed.add_item(
            title=result["title"],
            link=link,
            unique_id=link,
            # Atom's summary is type="html": the plain summary is escaped once more.
            description=escape(result["summary"]),
            author_name=result["council"]["name"] or None,
            pubdate=parsed(result["published"]),
            updateddate=parsed(result["updated"]),
            categories=[term["name"] for term in result["approaches"] + result["themes"]],
        )
    return feed


@require_GET
@rate_limited("search", "SEARCH_RATE_LIMIT", text_error)
def search_feed(request):
    """The Atom feed of a search; a parameter it cannot use is a plain-text 400."""
    try:
        params = feed_params(request.GET)
    except InvalidSearch as error:
        return text_error(request, str(error), 400)
    feed = build_feed(request, service.search(params))
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response
